package nl.microcredentials.registry.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.microcredentials.registry.platform.security.RegistryPrincipal;
import org.junit.jupiter.api.Test;

/**
 * What the admin UI keeps in the HTTP session must travel to another instance of the cluster (session replication on
 * Payara's data grid, issue 16): every session- and view-scoped bean is Serializable, and so is every type its state
 * fields can hold (the registry's records and classes, followed through generics). Injected beans are Weld's client
 * proxies, serializable by themselves, and must not be transient (they would be null on the instance that takes over).
 */
class SessionStateTest {

    private static final String ROOT = "nl.microcredentials.registry";

    @Test
    void everySessionAndViewScopedBeanCanTravelToAnotherInstance() throws Exception {
        List<Class<?>> beans = beans();
        assertThat(beans).as("the admin UI's scoped beans were found").hasSizeGreaterThan(10);
        List<String> problems = new ArrayList<>();
        for (Class<?> bean : beans) {
            if (!Serializable.class.isAssignableFrom(bean)) problems.add(bean.getName() + " is not Serializable");
            for (Class<?> c = bean; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) continue;
                    String where = bean.getSimpleName() + "." + f.getName();
                    if (f.isAnnotationPresent(Inject.class)) {
                        if (Modifier.isTransient(f.getModifiers())) problems.add(where + ": an injected field is transient (null after fail-over)");
                        continue;
                    }
                    if (Modifier.isTransient(f.getModifiers())) continue;
                    check(f.getGenericType(), where, problems, new HashSet<>());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theSignedInCallerTravelsWhole() throws Exception {
        var principal = new RegistryPrincipal("42", "admin.tudelft", "Pieter Jansen", Set.of("INSTITUTION_ADMIN"), "tu-delft", null);
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(principal);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            RegistryPrincipal back = (RegistryPrincipal) in.readObject();
            assertThat(back.getName()).isEqualTo("admin.tudelft");
            assertThat(back.groups()).containsExactly("INSTITUTION_ADMIN");
            assertThat(back.institution()).isEqualTo("tu-delft");
        }
    }

    private static void check(Type type, String where, List<String> problems, Set<Type> seen) {
        if (!seen.add(type)) return;
        if (type instanceof ParameterizedType p) {
            check(p.getRawType(), where, problems, seen);
            for (Type argument : p.getActualTypeArguments()) check(argument, where + "<>", problems, seen);
            return;
        }
        if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) check(bound, where, problems, seen);
            return;
        }
        if (!(type instanceof Class<?> c)) return;
        if (c.isPrimitive() || c.isEnum()) return;
        if (c.isArray()) {
            check(c.getComponentType(), where, problems, seen);
            return;
        }
        if (!c.getName().startsWith(ROOT)) {
            // JDK and library types: collections and maps are interfaces whose implementations in use serialize
            if (!c.isInterface() && !Serializable.class.isAssignableFrom(c)) problems.add(where + ": " + c.getName() + " is not Serializable");
            return;
        }
        if (!c.isInterface() && !Serializable.class.isAssignableFrom(c)) {
            problems.add(where + ": " + c.getName() + " is not Serializable");
            return;
        }
        for (Class<?> k = c; k != null && k.getName().startsWith(ROOT); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) continue;
                check(f.getGenericType(), where + "." + f.getName(), problems, seen);
            }
        }
    }

    private static List<Class<?>> beans() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(SessionStateTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().resolve("classes");
        List<Class<?>> beans = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$"))::iterator) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, SessionStateTest.class.getClassLoader());
                if (c.isAnnotationPresent(ViewScoped.class) || c.isAnnotationPresent(SessionScoped.class)) beans.add(c);
            }
        }
        return beans;
    }
}
