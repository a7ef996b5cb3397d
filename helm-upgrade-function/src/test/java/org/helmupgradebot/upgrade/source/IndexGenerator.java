package org.helmupgradebot.upgrade.source;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a large synthetic Helm repository index in Helm's own layout (for benchmarks and memory
 * checks): many charts, realistic entries with annotations, folded descriptions, block scalars,
 * maintainers, dependencies, mixed {@code Z}/{@code +02:00} timestamps and dev-build versions.
 *
 * <p>Usage: {@code IndexGenerator <file> <megabytes> [seed]}.
 */
public final class IndexGenerator {
    private final Random random;
    private final Writer out;

    private IndexGenerator(Writer out, long seed) {
        this.out = out;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: IndexGenerator <file> <megabytes> [seed]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long bytes = (long) (Double.parseDouble(args[1]) * 1024 * 1024);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        List<String> charts = write(file, bytes, seed);
        System.out.println(file + ": " + Files.size(file) + " bytes, " + charts.size() + " charts");
    }

    /**
     * Writes an index of at least {@code targetBytes} (a little more: the last chart is finished).
     *
     * @return the chart names, in file order
     */
    public static List<String> write(Path file, long targetBytes, long seed) throws IOException {
        try (CountingStream counted = new CountingStream(Files.newOutputStream(file));
                Writer w = new BufferedWriter(new OutputStreamWriter(counted, StandardCharsets.UTF_8), 1 << 16)) {
            IndexGenerator g = new IndexGenerator(w, seed);
            List<String> names = new ArrayList<>();
            w.write("apiVersion: v1\nentries:\n");
            for (int c = 0; ; c++) {
                w.flush();
                if (counted.count >= targetBytes) {
                    break;
                }
                String name = String.format("chart-%05d", c);
                names.add(name);
                g.chart(name, 20 + g.random.nextInt(180));
            }
            w.write("generated: \"2026-03-31T11:37:46.531497803Z\"\n");
            return names;
        }
    }

    private void chart(String name, int entries) throws IOException {
        out.write("  " + name + ":\n");
        int major = 1 + random.nextInt(5);
        for (int e = entries; e > 0; e--) {
            String version = major + "." + (e / 10) + "." + (e % 10)
                    + (random.nextInt(3) == 0 ? "-0.dev.git." + (3000 + e) + ".h" + hex(8) : "");
            entry(name, version, e);
        }
    }

    private void entry(String name, String version, int e) throws IOException {
        boolean annotated = e % 3 == 0;
        out.write("  - ");
        if (annotated) {
            out.write("annotations:\n      artifacthub.io/changes: |\n        - kind: changed\n"
                    + "          description: \"Update to " + version + "\"\n"
                    + "      artifacthub.io/prerelease: \"" + version.contains("dev") + "\"\n    ");
        }
        out.write("apiVersion: v2\n");
        out.write("    appVersion: " + (e % 7) + "." + (e % 13) + ".0\n");
        String offset = e % 4 == 0 ? "+02:00" : "Z";
        out.write(String.format("    created: \"20%02d-%02d-%02dT%02d:%02d:%02d.%09d%s\"\n", 15 + e % 10,
                1 + e % 12, 1 + e % 28, e % 24, e % 60, (e * 7) % 60, random.nextInt(1_000_000_000), offset));
        if (e % 4 == 1) {
            out.write("    dependencies:\n    - name: common\n      repository: https://charts.example.org\n"
                    + "      version: 2.x.x\n");
        }
        out.write("    description: " + name + " is a synthetic chart that deploys an example application\n"
                + "      together with a database, a cache and a reverse proxy, generated for\n"
                + "      benchmarks of the index reader.\n");
        out.write("    digest: " + hex(64) + "\n");
        out.write("    home: https://" + name + ".example.org/docs/\n");
        out.write("    icon: https://" + name + ".example.org/logo.svg\n");
        out.write("    keywords:\n    - example\n    - " + name + "\n");
        out.write("    kubeVersion: '>=1.23.0-0'\n");
        out.write("    maintainers:\n    - email: maintainer@example.org\n      name: Maintainer "
                + (e % 5) + "\n    - name: Second Person\n");
        out.write("    name: " + name + "\n");
        out.write("    sources:\n    - https://github.com/example/" + name + "\n");
        if (e % 2 == 0) {
            out.write("    - https://github.com/example/" + name + "-images\n");
        }
        out.write("    type: application\n");
        out.write("    urls:\n    - https://charts.example.org/" + name + "-" + version + ".tgz\n");
        out.write("    version: " + version + "\n");
    }

    private String hex(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }
}
