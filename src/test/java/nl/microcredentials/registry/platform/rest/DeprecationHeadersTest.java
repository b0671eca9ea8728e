package nl.microcredentials.registry.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeprecationHeadersTest {

    static class Resource {
        @Deprecated
        @Sunset(deprecatedOn = "2027-01-01", sunsetOn = "2027-07-01")
        public void old() { }

        public void current() { }

        @Sunset(deprecatedOn = "2027-01-01", sunsetOn = "2027-03-01")
        public void tooSoon() { }
    }

    static Sunset sunset(String method) throws Exception {
        return Resource.class.getMethod(method).getAnnotation(Sunset.class);
    }

    @Test
    void theHeadersFollowRfc9745AndRfc8594() throws Exception {
        var headers = DeprecationHeaders.headers(sunset("old"));
        assertThat(headers.get("Deprecation")).isEqualTo("@1798761600"); // 2027-01-01T00:00:00Z
        assertThat(headers.get("Sunset")).isEqualTo("Thu, 1 Jul 2027 00:00:00 GMT");
        assertThat(headers.get("Link")).contains("rel=\"deprecation\"");
    }

    @Test
    void aSunsetLessThanSixMonthsAfterTheDeprecationIsRefused() {
        assertThatThrownBy(() -> DeprecationHeaders.headers(sunset("tooSoon"))).hasMessageContaining("six months");
    }

    @Test
    void onlyMethodsWithASunsetGetTheFilter() throws Exception {
        assertThat(registered(Resource.class.getMethod("old"))).hasSize(1);
        assertThat(registered(Resource.class.getMethod("current"))).isEmpty();
    }

    private static List<Object> registered(Method method) {
        List<Object> registered = new ArrayList<>();
        ResourceInfo info = (ResourceInfo) Proxy.newProxyInstance(ResourceInfo.class.getClassLoader(), new Class<?>[] {ResourceInfo.class},
                (proxy, m, args) -> m.getName().equals("getResourceMethod") ? method : null);
        FeatureContext context = (FeatureContext) Proxy.newProxyInstance(FeatureContext.class.getClassLoader(), new Class<?>[] {FeatureContext.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("register") && args[0] instanceof ContainerResponseFilter f) registered.add(f);
                    return proxy;
                });
        new DeprecationHeaders().configure(info, context);
        return registered;
    }
}
