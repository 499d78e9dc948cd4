FROM docker.io/library/maven:3.9.9-eclipse-temurin-21 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -q dependency:go-offline
COPY src ./src
RUN mvn -q package -DskipTests

FROM docker.io/library/eclipse-temurin:21.0.5_11-jre-alpine
RUN addgroup -S app && adduser -S app -G app
COPY --from=build /build/target/service.jar /opt/service.jar
USER app
EXPOSE 8080
# a later step switches back to root to install a certificate, and stays root
USER root
RUN apk add --no-cache ca-certificates
ENTRYPOINT ["java", "-jar", "/opt/service.jar"]
