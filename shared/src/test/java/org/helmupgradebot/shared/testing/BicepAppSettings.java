package org.helmupgradebot.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app settings infra/main.bicep gives one Function App with a .bicepparam file's values, worked out
 * from the Bicep text (no Bicep compiler offline): the module's host settings, the app's job settings
 * and its extra-settings parameter, with parameters, variables and the few resource properties used
 * resolved to what Azure returns for them. An expression it does not know fails the test, naming it, so
 * a change to the Bicep cannot slip past the settings readers unchecked.
 */
public final class BicepAppSettings {
    private static final Pattern PARAM = Pattern.compile("(?m)^param (\\w+) (\\w+)(?: = (.+))?$");
    private static final Pattern VAR = Pattern.compile("(?m)^var (\\w+) = (.+)$");
    private static final Pattern USING_PARAM = Pattern.compile("(?m)^param (\\w+) = (.+)$");
    private static final Pattern ENTRY = Pattern.compile("(?m)^\\s*([A-Za-z_][\\w]*)\\s*:\\s*(.+?)\\s*$");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]+)}");

    private final String main;
    private final String module;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> vars = new LinkedHashMap<>();

    private BicepAppSettings(Path infra, Path bicepparam) {
        try {
            main = Files.readString(infra.resolve("main.bicep"));
            module = Files.readString(infra.resolve("modules/function-app.bicep"));
            String params = Files.readString(bicepparam);
            Matcher p = PARAM.matcher(main);
            while (p.find()) {
                if (p.group(3) != null) {
                    values.put(p.group(1), p.group(3).trim());
                }
            }
            Matcher u = USING_PARAM.matcher(params);
            while (u.find()) {
                values.put(u.group(1), u.group(2).trim());
            }
            Matcher v = VAR.matcher(main);
            while (v.find()) {
                vars.put(v.group(1), v.group(2).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's infra/ folder (found above the working directory, next to .mvn). */
    public static Path infra() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".mvn"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root (the folder holding .mvn) not found");
        }
        return dir.resolve("infra");
    }

    /**
     * The settings of the app made by {@code module <moduleName> 'modules/function-app.bicep'} in main.bicep,
     * with the parameters in {@code bicepparam} (the rest at their defaults), as the app sees them in Azure.
     */
    public static Map<String, String> of(Path infra, String moduleName, Path bicepparam) {
        return new BicepAppSettings(infra, bicepparam).settings(moduleName);
    }

    private Map<String, String> settings(String moduleName) {
        String call = block(main, "module " + moduleName + " 'modules/function-app.bicep' = {");
        Map<String, String> moduleParams = entries(inner(block(call, "params: {")));
        Map<String, String> out = new LinkedHashMap<>();
        // The host settings inside the module refer to the module's parameters.
        entries(inner(block(module, "var hostSettings = {"))).forEach((k, expr) ->
                out.put(k, resolve(moduleParams.getOrDefault(expr, expr))));
        String jobSettings = moduleParams.get("jobSettings");
        Matcher union = Pattern.compile("union\\(\\{(.*)},\\s*(\\w+)\\)", Pattern.DOTALL).matcher(block(call, "jobSettings: union("));
        if (!union.find()) {
            throw new AssertionError("jobSettings of " + moduleName + " is not union({...}, extraSettings): " + jobSettings);
        }
        entries(union.group(1)).forEach((k, expr) -> out.put(k, resolve(expr)));
        String extra = values.get(union.group(2));
        if (extra != null && !extra.equals("{}")) {
            throw new AssertionError("extra settings in the parameters are not resolved by this test yet: " + extra);
        }
        // Set by App Service on every app.
        out.put("WEBSITE_SITE_NAME", resolve(moduleParams.get("name")));
        return out;
    }

    /** A Bicep expression's value: a string (with interpolations), a parameter, a variable, a known property. */
    private String resolve(String expr) {
        String e = expr.trim();
        Matcher ternary = Pattern.compile("(\\w+) \\? '([^']*)' : '([^']*)'").matcher(e);
        if (ternary.matches()) {
            return Boolean.parseBoolean(resolve(ternary.group(1))) ? ternary.group(2) : ternary.group(3);
        }
        if (e.startsWith("'") && e.endsWith("'")) {
            Matcher m = INTERPOLATION.matcher(e.substring(1, e.length() - 1));
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(resolve(m.group(1))));
            }
            m.appendTail(sb);
            return sb.toString();
        }
        if (e.matches("true|false|-?\\d+")) {
            return e;
        }
        if (values.containsKey(e)) {
            return resolve(values.get(e));
        }
        if (vars.containsKey(e)) {
            return resolve(vars.get(e));
        }
        return switch (e) {
            // What Azure returns for these properties (public cloud), by each resource's documented format.
            case "storage.name" -> resolve("storageAccountName");
            case "storage.properties.primaryEndpoints.blob" -> "https://" + resolve("storageAccountName") + ".blob.core.windows.net/";
            case "vault.properties.vaultUri" -> "https://" + resolve("keyVaultName") + ".vault.azure.net/";
            case "registry.properties.loginServer" -> resolve("registryName") + ".azurecr.io";
            case "insights.properties.ConnectionString" -> "InstrumentationKey=00000000-0000-0000-0000-000000000000;"
                    + "IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/";
            default -> throw new AssertionError("unknown Bicep expression '" + e + "': teach BicepAppSettings its value");
        };
    }

    /** The {@code key: value} lines of an object's body, not those of objects nested in it. */
    private static Map<String, String> entries(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        int depth = 0;
        for (String line : body.split("\n")) {
            String t = line.trim();
            Matcher m = ENTRY.matcher(line);
            if (depth == 0 && !t.startsWith("//") && m.matches()) {
                out.put(m.group(1), m.group(2));
            }
            for (char c : t.toCharArray()) {
                if (c == '{' || c == '(' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ')' || c == ']') {
                    depth--;
                }
            }
        }
        return out;
    }

    /** A block's body: between its first opening and its last closing brace. */
    private static String inner(String block) {
        return block.substring(block.indexOf('{') + 1, block.lastIndexOf('}'));
    }

    /** The text from {@code header} to its matching closing brace or parenthesis. */
    private static String block(String text, String header) {
        int start = text.indexOf(header);
        if (start < 0) {
            throw new AssertionError("'" + header + "' not found");
        }
        int depth = 0;
        for (int i = start + header.length() - 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ')') && --depth == 0) {
                return text.substring(start, i + 1);
            }
        }
        throw new AssertionError("'" + header + "' is not closed");
    }
}
