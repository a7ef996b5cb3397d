package org.helmupgradebot.upgrade.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bicep cannot be compiled here (no az/bicep offline), so this reads infra/*.bicep as text and checks
 * the least-privilege and hardening facts: who gets which role on what, no secrets, HTTPS/TLS/FTP.
 */
class InfraBicepTest {
    static final String KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
    static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    static final String ACR_DELETE = "c2f4ef07-c644-48eb-af81-4b1b4947fb11";
    static final String REPOSITORY_CATALOG_LISTER = "bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7";
    static final String REPOSITORY_CONTRIBUTOR = "2efddaa5-3f1f-4df3-97df-af3f13818f4c";
    static final String STORAGE_BLOB_DATA_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    static final String MONITORING_METRICS_PUBLISHER = "3913510d-42f4-4e42-8a64-420c390055eb";

    static final Path INFRA = repositoryRoot().resolve("infra");

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".mvn"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root (the folder holding .mvn) not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static String read(String relative) throws IOException {
        return Files.readString(INFRA.resolve(relative));
    }

    /** The body of each block that starts with {@code header} (a regex) and opens a brace, by brace matching. */
    static List<String> blocks(String text, String header) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(header).matcher(text);
        while (m.find()) {
            int open = text.indexOf('{', m.end() - 1);
            int depth = 0;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    out.add(text.substring(open, i + 1));
                    break;
                }
            }
        }
        return out;
    }

    static Map<String, String> guidVariables(String text) {
        Map<String, String> vars = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^var (\\w+) = '([0-9a-f-]{36})'").matcher(text);
        while (m.find()) {
            vars.put(m.group(1), m.group(2));
        }
        return vars;
    }

    static String field(String block, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + name + ":\\s*(.+?)\\s*$").matcher(block);
        return m.find() ? m.group(1) : null;
    }

    /** "principal -> role GUID @ scope" for each role assignment in main.bicep. */
    static Set<String> mainAssignments() throws IOException {
        String main = read("main.bicep");
        Map<String, String> guids = guidVariables(main);
        Set<String> out = new TreeSet<>();
        for (String b : blocks(main, "resource \\w+ 'Microsoft\\.Authorization/roleAssignments@[^']+' = \\{")) {
            Matcher role = Pattern.compile("roleDefinitions', (\\w+)\\)").matcher(b);
            assertTrue(role.find(), b);
            out.add(field(b, "principalId") + " -> " + guids.get(role.group(1)) + " @ " + field(b, "scope"));
        }
        return out;
    }

    @Test
    void eachIdentityGetsExactlyItsRolesOnExactlyItsResources() throws IOException {
        assertEquals(new TreeSet<>(Set.of(
                "upgradeApp.outputs.principalId -> " + KEY_VAULT_SECRETS_USER + " @ vault",
                "upgradeApp.outputs.principalId -> " + STORAGE_BLOB_DATA_OWNER + " @ storage",
                "cleanerApp.outputs.principalId -> " + STORAGE_BLOB_DATA_OWNER + " @ storage",
                "upgradeApp.outputs.principalId -> " + MONITORING_METRICS_PUBLISHER + " @ insights",
                "cleanerApp.outputs.principalId -> " + MONITORING_METRICS_PUBLISHER + " @ insights")),
                mainAssignments());
    }

    @Test
    void onlyTheCleanerGetsRegistryRolesAndOnlyOnTheRegistry() throws IOException {
        String main = read("main.bicep");
        List<String> calls = blocks(main, "module \\w+ 'modules/registry-roles\\.bicep' = \\{");
        assertEquals(1, calls.size());
        assertEquals("cleanerApp.outputs.principalId", field(calls.get(0), "principalId"));
        assertEquals("resourceGroup(registryResourceGroup)", field(calls.get(0), "scope"));

        String roles = read("modules/registry-roles.bicep");
        Map<String, String> guids = guidVariables(roles);
        assertEquals(Map.of("acrPull", ACR_PULL, "acrDelete", ACR_DELETE,
                "repositoryCatalogLister", REPOSITORY_CATALOG_LISTER, "repositoryContributor", REPOSITORY_CONTRIBUTOR), guids);
        assertTrue(roles.contains("var roles = permissionsMode == 'abac' ? [repositoryCatalogLister, repositoryContributor] : [acrPull, acrDelete]"));
        List<String> assignments = blocks(roles, "resource \\w+ 'Microsoft\\.Authorization/roleAssignments@[^']+' = \\[for roleId in roles: \\{");
        assertEquals(1, assignments.size());
        assertEquals("registry", field(assignments.get(0), "scope"));
        assertEquals("principalId", field(assignments.get(0), "principalId"));
        // And no other file assigns roles.
        assertEquals(0, blocks(read("modules/function-app.bicep"), "roleAssignments@").size());
    }

    @Test
    void noSecretInAnySettingOrParameter() throws IOException {
        Pattern secretish = Pattern.compile(
                "(?i)listKeys\\(|listSecrets\\(|AccountKey=|SharedAccessSignature|[?&]sig=|@secure\\(\\)|connectionStrings\\s*:"
                        + "|AzureWebJobsStorage'?\\s*:|ghp_|github_pat_|BEGIN [A-Z ]*PRIVATE KEY");
        try (Stream<Path> files = Files.walk(INFRA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".bicep") || p.toString().endsWith(".bicepparam")).toList()) {
                Matcher m = secretish.matcher(Files.readString(f));
                assertFalse(m.find(), f + " contains '" + safeGroup(m) + "'");
            }
        }
        // The host reaches storage by identity: account name only.
        String app = read("modules/function-app.bicep");
        assertTrue(app.contains("AzureWebJobsStorage__accountName: storageAccountName"));
        assertTrue(app.contains("AZURE_CREDENTIAL: 'managed-identity'"));
    }

    private static String safeGroup(Matcher m) {
        try {
            return m.group();
        } catch (IllegalStateException e) {
            return "";
        }
    }

    @Test
    void appsAreHardened() throws IOException {
        String app = read("modules/function-app.bicep");
        assertTrue(app.contains("httpsOnly: true"));
        assertTrue(app.contains("minTlsVersion: '1.2'"));
        assertTrue(app.contains("ftpsState: 'Disabled'"));
        assertTrue(app.contains("type: 'SystemAssigned'"));
        assertTrue(app.contains("kind: 'functionapp,linux'"));
        assertTrue(Pattern.compile("runtime: \\{\\s*name: 'java'\\s*version: '17'").matcher(app).find());
        assertEquals(2, blocks(app, "basicPublishingCredentialsPolicies@[^']+' = \\{").stream()
                .filter(b -> b.contains("allow: false")).count());

        String main = read("main.bicep");
        assertTrue(Pattern.compile("sku: \\{\\s*name: 'FC1'\\s*tier: 'FlexConsumption'").matcher(main).find());
        assertTrue(main.contains("allowSharedKeyAccess: false"));
        assertTrue(main.contains("minimumTlsVersion: 'TLS1_2'"));
        assertTrue(main.contains("allowBlobPublicAccess: false"));
        assertTrue(main.contains("enableRbacAuthorization: true"));
        assertTrue(main.contains("DisableLocalAuth: true"));
    }

    @Test
    void schedulesAreSixFieldNcrontabAppSettingsMatchingTheFunctions() throws Exception {
        String main = read("main.bicep");
        for (String p : List.of("upgradeSchedule", "cleanSchedule")) {
            Matcher m = Pattern.compile("param " + p + " string = '([^']+)'").matcher(main);
            assertTrue(m.find(), p);
            assertEquals(6, m.group(1).trim().split("\\s+").length, p + " = " + m.group(1));
        }
        assertTrue(main.contains("UPGRADE_SCHEDULE: upgradeSchedule"));
        assertTrue(main.contains("CLEAN_SCHEDULE: cleanSchedule"));
        assertTrue(main.contains("UPGRADE_DRY_RUN: upgradeDryRun"));
        assertTrue(main.contains("CLEAN_DRY_RUN: cleanDryRun"));
        // The names the function annotations resolve (%UPGRADE_SCHEDULE%) are the ones Bicep sets.
        var timer = (com.microsoft.azure.functions.annotation.TimerTrigger) HelmUpgradeFunction.class
                .getMethod("run", String.class, com.microsoft.azure.functions.ExecutionContext.class)
                .getParameterAnnotations()[0][0];
        assertEquals("%UPGRADE_SCHEDULE%", timer.schedule());
    }
}
