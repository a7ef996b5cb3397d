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

    @Test
    void eachAppHasItsOwnFlexConsumptionPlan() throws IOException {
        // Azure refuses a second site on a Flex Consumption plan ("There can only be one site per Flex
        // Consumption serverfarm"), so the plan lives in the app module: one per app.
        String main = read("main.bicep");
        String app = read("modules/function-app.bicep");
        assertEquals(0, blocks(main, "resource \\w+ 'Microsoft\\.Web/serverfarms@").size(), "no shared plan in main.bicep");
        List<String> plans = blocks(app, "resource \\w+ 'Microsoft\\.Web/serverfarms@[^']+' = \\{");
        assertEquals(1, plans.size());
        assertTrue(Pattern.compile("sku: \\{\\s*name: 'FC1'\\s*tier: 'FlexConsumption'").matcher(plans.get(0)).find());
        assertEquals("planName", field(plans.get(0), "name"));
        assertTrue(app.contains("serverFarmId: plan.id"));
        List<String> calls = blocks(main, "module \\w+ 'modules/function-app\\.bicep' = \\{");
        assertEquals(2, calls.size());
        Set<String> planNames = new TreeSet<>();
        calls.forEach(c -> planNames.add(field(c, "planName")));
        assertEquals(Set.of("'${upgradeAppName}-plan'", "'${cleanerAppName}-plan'"), planNames);
    }

    @Test
    void maximumInstanceCountIsTheLowestFlexAllowsAndSaysSo() throws IOException {
        String app = read("modules/function-app.bicep");
        Matcher m = Pattern.compile("@description\\('([^']+)'\\)\\s*@minValue\\((\\d+)\\)\\s*@maxValue\\((\\d+)\\)\\s*"
                + "param maximumInstanceCount int = (\\d+)").matcher(app);
        assertTrue(m.find(), app);
        assertEquals("40", m.group(4));
        assertEquals("40", m.group(2), "the value is the minimum");
        assertTrue(m.group(1).contains("40 is the lowest"), m.group(1));
    }

    @Test
    void theCleanerGetsTheRegistrysOwnLoginServer() throws IOException {
        String main = read("main.bicep");
        assertTrue(main.contains("REGISTRY_LOGIN_SERVER: registry.properties.loginServer"));
        List<String> registry = blocks(main, "resource registry 'Microsoft\\.ContainerRegistry/registries@[^']+' existing = \\{");
        assertEquals(1, registry.size());
        assertEquals("resourceGroup(registryResourceGroup)", field(registry.get(0), "scope"));
        assertFalse(main.contains("acrLoginServer"), "no login server built from a suffix");
    }

    @Test
    void theExampleParametersSetEveryRequiredParameter() throws IOException {
        String main = read("main.bicep");
        String example = read("main.example.bicepparam");
        Matcher required = Pattern.compile("(?m)^param (\\w+) \\w+$").matcher(main);
        List<String> missing = new ArrayList<>();
        while (required.find()) {
            if (!Pattern.compile("(?m)^param " + required.group(1) + " = ").matcher(example).find()) {
                missing.add(required.group(1));
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(example.contains("param registryResourceGroup = "));
    }

    @Test
    void failuresAndMissedRunsReachAPerson() throws Exception {
        String main = read("main.bicep");
        List<String> groups = blocks(main, "resource alertMail 'Microsoft\\.Insights/actionGroups@[^']+' = \\{");
        assertEquals(1, groups.size());
        assertEquals("alertEmail", field(groups.get(0), "emailAddress"));
        assertTrue(main.contains("param alertEmail string\n"), "the e-mail address is a required parameter");

        List<String> rules = blocks(main, "resource alerts 'Microsoft\\.Insights/scheduledQueryRules@[^']+' = \\[for rule in alertRules: \\{");
        assertEquals(1, rules.size());
        assertTrue(Pattern.compile("scopes: \\[\\s*insights\\.id\\s*]").matcher(rules.get(0)).find());
        assertTrue(Pattern.compile("actionGroups: \\[\\s*alertMail\\.id\\s*]").matcher(rules.get(0)).find());
        assertEquals("'GreaterThan'", field(rules.get(0), "operator"));
        assertEquals("0", field(rules.get(0), "threshold"));

        String list = main.substring(main.indexOf("var alertRules = ["));
        List<String> each = blocks(list.substring(0, list.indexOf("\n]\n")), "\\n  \\{");
        assertEquals(3, each.size());
        String upgrade = functionName(HelmUpgradeFunction.class);
        String failed = each.get(0);
        assertEquals("'requests | where success == false and operation_Name in (\"" + upgrade + "\", \"registryCleaner\")'",
                field(failed, "query"));
        String upgradeMissed = each.get(1);
        assertTrue(field(upgradeMissed, "query").contains("success == true and operation_Name == \"" + upgrade + "\""));
        assertEquals("'P2D'", field(upgradeMissed, "windowSize"), "no success of the daily upgrade in 2 days");
        String cleanerMissed = each.get(2);
        assertTrue(field(cleanerMissed, "query").contains("success == true and operation_Name == \"registryCleaner\""));
        assertTrue(field(cleanerMissed, "query").contains("dayofmonth(now()) == ${cleanerCheckDayOfMonth}"));
        // Azure Monitor's limits for log search alerts: the query time range is at most two days and the
        // evaluation frequency at most one day.
        for (String rule : each) {
            assertTrue(List.of("'PT1H'", "'P1D'").contains(field(rule, "evaluationFrequency")), rule);
            assertTrue(List.of("'PT1H'", "'P2D'").contains(field(rule, "windowSize")), rule);
        }
    }

    private static String functionName(Class<?> function) throws NoSuchMethodException {
        return function.getMethod("run", String.class, com.microsoft.azure.functions.ExecutionContext.class)
                .getAnnotation(com.microsoft.azure.functions.annotation.FunctionName.class).value();
    }
}
