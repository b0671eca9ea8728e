# Microcredential Recognition Registry on the official Payara Micro image of the same version as the build.
#   docker build -t mc-registry .
#   docker run -p 8080:8080 -e REGISTRY_DB_URL=jdbc:postgresql://db:5432/registry \
#       -e REGISTRY_DB_USER=registry -e REGISTRY_DB_PASSWORD=... mc-registry

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline -DexcludeArtifactIds=payara-micro || true
COPY src ./src
RUN mvn -B -ntp -q -DskipTests -Dmdep.skip=true package

FROM payara/micro:6.2025.10-jdk17
# the image runs as its unprivileged user "payara"; the data directory holds the generated token keys
# (and the embedded database when no REGISTRY_DB_URL is given)
ENV REGISTRY_DATA_DIR=/opt/payara/data
USER root
RUN mkdir -p /opt/payara/data && chown -R payara:payara /opt/payara/data
USER payara
COPY --chown=payara:payara domain.xml /opt/payara/config/domain.xml
COPY --chown=payara:payara --from=build /build/target/ROOT.war /opt/payara/deployments/ROOT.war
VOLUME /opt/payara/data
# 8080: HTTP; 6900: the data grid, for instances started as a cluster (compose.yaml)
EXPOSE 8080 6900
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD wget -qO- http://localhost:8080/health/ready || exit 1
# the JVM options the registry ships with (pom.xml registry.jvm.options): under 1 GB resident after the benchmark
ENTRYPOINT ["java", "-Xms256m", "-Xmx512m", "-XX:MaxMetaspaceSize=256m", "-XX:ReservedCodeCacheSize=128m", "-XX:MaxDirectMemorySize=128m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/payara/payara-micro.jar"]
CMD ["--domainconfig", "/opt/payara/config/domain.xml", "--deploy", "/opt/payara/deployments/ROOT.war", "--contextroot", "/", "--nocluster", "--port", "8080"]
