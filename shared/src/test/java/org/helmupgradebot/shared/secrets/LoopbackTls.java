package org.helmupgradebot.shared.secrets;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made with keytool in a temporary folder, the keystore an
 * HTTPS stand-in serves it from, and an Azure HTTP client that trusts exactly that certificate.
 */
public final class LoopbackTls {
    public static final String PASSWORD = "loopback-test";
    private final Path keystore;
    private final KeyStore trustStore;

    private LoopbackTls(Path keystore, KeyStore trustStore) {
        this.keystore = keystore;
        this.trustStore = trustStore;
    }

    /** Generates the key pair and certificate in {@code dir} with the JDK's keytool. */
    public static LoopbackTls create(Path dir) throws Exception {
        Path keystore = dir.resolve("loopback.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "loopback",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        return load(keystore);
    }

    /** Trusts the certificate in a keystore made by {@link #create} (e.g. in another JVM). */
    public static LoopbackTls load(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = ks.getCertificate("loopback");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("loopback", cert);
        return new LoopbackTls(keystore, trust);
    }

    /** The PKCS12 keystore with the server's key, for WireMock's {@code keystorePath}. */
    public String keystorePath() {
        return keystore.toString();
    }

    /** An Azure SDK HTTP client (Netty) that trusts only the loopback certificate. */
    public HttpClient httpClient() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SslContext ssl = SslContextBuilder.forClient().trustManager(tmf).build();
        reactor.netty.http.client.HttpClient netty =
                reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl));
        return new NettyAsyncHttpClientBuilder(netty).build();
    }
}
