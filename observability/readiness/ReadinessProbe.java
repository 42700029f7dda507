import java.net.HttpURLConnection;
import java.net.URI;

/**
 * docker-compose.yml's healthcheck for Parley's services: exits 0 when {@code GET <url>} answers 200 within
 * 5 s, 1 otherwise. The service images hold a Java runtime and nothing else — no shell, no curl, and no
 * jdk.compiler for a single-file source program — so compose compiles this once (the readiness-probe
 * service, a JDK image) into a volume the services mount, and the healthcheck runs it with their own java.
 */
public final class ReadinessProbe {

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java ReadinessProbe <url>");
            System.exit(2);
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(args[0]).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            connection.disconnect();
            System.out.println(args[0] + " " + status);
            System.exit(status == 200 ? 0 : 1);
        } catch (Exception e) {
            System.out.println(args[0] + " " + e);
            System.exit(1);
        }
    }
}
