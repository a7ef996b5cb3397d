package org.helmupgradebot.upgrade.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The version for {@code --version}: the Maven project version, written into a resource at build time. */
public final class BuildVersion implements CommandLine.IVersionProvider {
    static final String RESOURCE = "build-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"helm-upgrade " + version()};
    }

    /** The project version, or {@code unknown} when the resource was not filtered (a build outside Maven). */
    static String version() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            return v.isBlank() || v.contains("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
