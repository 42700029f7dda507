# One image recipe for every service: docker build --build-arg MODULE=room-service -t parley/room-service .
# Build the jars first (./mvnw -B package -DskipTests); the image only copies the one it needs.
FROM eclipse-temurin:21-jre
ARG MODULE
RUN useradd --system --uid 10001 parley
WORKDIR /app
COPY ${MODULE}/target/${MODULE}-*[0-9T].jar /app/service.jar
USER 10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
