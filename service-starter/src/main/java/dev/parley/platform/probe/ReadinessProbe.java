package dev.parley.platform.probe;

import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A container healthcheck that needs nothing but the service's own image: the images hold a Java runtime
 * and the service's classpath — no shell, curl or wget (docs/adr/0017-images-with-jib.md) — so compose runs
 * {@code java -cp @/app/jib-classpath-file dev.parley.platform.probe.ReadinessProbe <url>}, which exits 0
 * when {@code GET <url>} answers 200 within 5 s and 1 otherwise. Kubernetes asks the same URL itself.
 */
public final class ReadinessProbe {

    private ReadinessProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp <classpath> " + ReadinessProbe.class.getName() + " <url>");
            System.exit(2);
        }
        System.exit(isReady(args[0]) ? 0 : 1);
    }

    static boolean isReady(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            connection.disconnect();
            System.out.println(url + " " + status);
            return status == 200;
        } catch (Exception e) {
            System.out.println(url + " " + e);
            return false;
        }
    }
}
