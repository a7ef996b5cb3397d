// helm-upgrade-bot on Azure: two timer-triggered Function Apps (Flex Consumption, Linux, Java 17), each
// on its own plan (a Flex Consumption plan holds one app) with its own system-assigned identity and only
// the rights its job needs:
//   upgrade app  -> Key Vault Secrets User on the vault (reads the GitHub token)
//   cleaner app  -> AcrPull + AcrDelete (or the ABAC repository roles) on the registry
//   both         -> Storage Blob Data Owner on the host storage account (host state, deployment package,
//                   reports) and Monitoring Metrics Publisher on Application Insights.
// No keys, connection secrets or tokens appear in any app setting. The GitHub token is stored in the
// vault after deployment: az keyvault secret set --vault-name <vault> --name github-token --file <file>.
// Failed runs and missed runs raise alerts that e-mail alertEmail (see "Alerts" below).
targetScope = 'resourceGroup'

@description('Azure region (one that offers Flex Consumption).')
param location string = resourceGroup().location

@description('Name of the upgrade Function App (globally unique).')
param upgradeAppName string

@description('Name of the registry-cleaner Function App (globally unique).')
param cleanerAppName string

@description('Storage account for host state, deployment packages and reports (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Key Vault (RBAC mode) that holds the GitHub token (3-24 characters).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Name of the secret holding the GitHub token (or GitHub App key) in the vault.')
param githubTokenSecretName string = 'github-token'

@description('Log Analytics workspace name.')
param logAnalyticsName string = 'helm-upgrade-bot-logs'

@description('Application Insights name.')
param appInsightsName string = 'helm-upgrade-bot-insights'

@description('Existing container registry the cleaner cleans (name only, e.g. myregistry).')
param registryName string

@description('Resource group of that registry (defaults to this one).')
param registryResourceGroup string = resourceGroup().name

@description('Registry role assignment mode: rbac (AcrPull + AcrDelete) or abac (repository roles, for registries in ABAC mode).')
@allowed([
  'rbac'
  'abac'
])
param registryPermissionsMode string = 'rbac'

@description('The config repositories, owner/name, comma-separated (e.g. jupyterhub/mybinder.org-deploy). Each holds the bot\'s rules in .github/helm-upgrade-bot.yaml on its default branch.')
param configRepo string

@description('E-mail address that is told when a run fails or a scheduled run did not succeed.')
param alertEmail string

@description('Upgrade schedule, NCRONTAB with six fields (second minute hour day month weekday); default daily at 03:00 UTC.')
param upgradeSchedule string = '0 0 3 * * *'

@description('Cleaning schedule, NCRONTAB with six fields; default monthly, on the 1st at 04:00 UTC.')
param cleanSchedule string = '0 0 4 1 * *'

@description('true: the upgrade job only reports what it would change.')
param upgradeDryRun bool = false

@description('true: the cleaner only reports what it would delete (the safe default for a first run).')
param cleanDryRun bool = true

@description('Day of the month on which the cleaner alert checks that the cleaner succeeded in the 48 hours before: the day after the day in cleanSchedule.')
@minValue(1)
@maxValue(28)
param cleanerCheckDayOfMonth int = 2

@description('More app settings for the upgrade job (names and values; never secrets), e.g. UPGRADE_CONFIG to override the config repos\' files.')
param upgradeExtraSettings object = {}

@description('More app settings for the cleaner job (names and values; never secrets).')
param cleanerExtraSettings object = {}

param tags object = {
  app: 'helm-upgrade-bot'
}

// Built-in role definition ids (the same in every tenant).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

var upgradePackageContainer = 'upgrade-package'
var cleanerPackageContainer = 'cleaner-package'
var reportsContainer = 'reports'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Only Entra-authenticated telemetry (the apps' identities) is accepted.
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource upgradePackage 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: upgradePackageContainer
}

resource cleanerPackage 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: cleanerPackageContainer
}

resource reports 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: reportsContainer
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

// The cleaner's registry, for its login server (e.g. myregistry.azurecr.io, whatever the cloud's suffix).
resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
  scope: resourceGroup(registryResourceGroup)
}

var reportContainerUrl = '${storage.properties.primaryEndpoints.blob}${reportsContainer}'

module upgradeApp 'modules/function-app.bicep' = {
  name: 'upgrade-app'
  params: {
    name: upgradeAppName
    location: location
    tags: tags
    planName: '${upgradeAppName}-plan'
    storageAccountName: storage.name
    blobEndpoint: storage.properties.primaryEndpoints.blob
    deploymentContainerName: upgradePackageContainer
    appInsightsConnectionString: insights.properties.ConnectionString
    jobSettings: union({
      UPGRADE_SCHEDULE: upgradeSchedule
      UPGRADE_DRY_RUN: upgradeDryRun ? 'true' : 'false'
      CONFIG_REPO: configRepo
      KEY_VAULT_URL: vault.properties.vaultUri
      GITHUB_TOKEN_SECRET_NAME: githubTokenSecretName
      REPORT_CONTAINER_URL: reportContainerUrl
    }, upgradeExtraSettings)
  }
  dependsOn: [
    upgradePackage
  ]
}

module cleanerApp 'modules/function-app.bicep' = {
  name: 'cleaner-app'
  params: {
    name: cleanerAppName
    location: location
    tags: tags
    planName: '${cleanerAppName}-plan'
    storageAccountName: storage.name
    blobEndpoint: storage.properties.primaryEndpoints.blob
    deploymentContainerName: cleanerPackageContainer
    appInsightsConnectionString: insights.properties.ConnectionString
    jobSettings: union({
      CLEAN_SCHEDULE: cleanSchedule
      CLEAN_DRY_RUN: cleanDryRun ? 'true' : 'false'
      REGISTRY_NAME: registryName
      REGISTRY_LOGIN_SERVER: registry.properties.loginServer
      REPORT_CONTAINER_URL: reportContainerUrl
    }, cleanerExtraSettings)
  }
  dependsOn: [
    cleanerPackage
  ]
}

// Upgrade app: read secrets, on this vault only.
resource upgradeReadsVaultSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, upgradeAppName, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: upgradeApp.outputs.principalId
    principalType: 'ServicePrincipal'
  }
}

// Cleaner app: read and delete images, on the registry only.
module cleanerOnRegistry 'modules/registry-roles.bicep' = {
  name: 'cleaner-registry-roles'
  scope: resourceGroup(registryResourceGroup)
  params: {
    registryName: registryName
    principalId: cleanerApp.outputs.principalId
    permissionsMode: registryPermissionsMode
  }
}

// Both apps: the host keeps its state and deployment package in blobs (identity-based AzureWebJobsStorage),
// and the jobs write their reports there. Shared keys are disabled on the account.
resource upgradeOwnsHostBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, upgradeAppName, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: upgradeApp.outputs.principalId
    principalType: 'ServicePrincipal'
  }
}

resource cleanerOwnsHostBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, cleanerAppName, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: cleanerApp.outputs.principalId
    principalType: 'ServicePrincipal'
  }
}

// Both apps: send telemetry with their identity (Application Insights has local auth disabled).
resource upgradePublishesTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, upgradeAppName, monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: upgradeApp.outputs.principalId
    principalType: 'ServicePrincipal'
  }
}

resource cleanerPublishesTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, cleanerAppName, monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: cleanerApp.outputs.principalId
    principalType: 'ServicePrincipal'
  }
}

// Alerts: every failed invocation, and scheduled runs that did not succeed, e-mail alertEmail. The Functions
// host records each invocation in Application Insights' requests table (operation_Name = the function's
// name, success = false when it threw). A log search alert looks back at most two days (Azure Monitor's
// limit on a rule's query time range) and is evaluated at most once a day, so "the monthly cleaner has not
// succeeded" is checked on the day after its scheduled day (cleanerCheckDayOfMonth), over the 48 hours
// before: a missed or failed monthly run is reported within a day, at most ~32 days after the last success.
resource alertMail 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'helm-upgrade-bot-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'helmbot'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var alertRules = [
  {
    name: 'helm-upgrade-bot-run-failed'
    description: 'An invocation of helmUpgrade or registryCleaner failed; its log and stored report say why.'
    severity: 1
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    query: 'requests | where success == false and operation_Name in ("helmUpgrade", "registryCleaner")'
  }
  {
    name: 'helm-upgrade-bot-upgrade-not-succeeded'
    description: 'helmUpgrade (daily) has had no successful run in the last 2 days.'
    severity: 2
    evaluationFrequency: 'P1D'
    windowSize: 'P2D'
    query: 'requests | where success == true and operation_Name == "helmUpgrade" | summarize runs = count() | where runs == 0'
  }
  {
    name: 'helm-upgrade-bot-cleaner-not-succeeded'
    description: 'registryCleaner (monthly) did not succeed in the 48 hours after its scheduled day.'
    severity: 2
    evaluationFrequency: 'P1D'
    windowSize: 'P2D'
    query: 'requests | where success == true and operation_Name == "registryCleaner" | summarize runs = count() | where runs == 0 and dayofmonth(now()) == ${cleanerCheckDayOfMonth}'
  }
]

// Each rule counts the rows its query returns and fires when there is at least one.
resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in alertRules: {
  name: rule.name
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: rule.name
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [
      insights.id
    ]
    evaluationFrequency: rule.evaluationFrequency
    windowSize: rule.windowSize
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: [
        alertMail.id
      ]
    }
  }
}]

output upgradeAppName string = upgradeApp.outputs.name
output cleanerAppName string = cleanerApp.outputs.name
output upgradePrincipalId string = upgradeApp.outputs.principalId
output cleanerPrincipalId string = cleanerApp.outputs.principalId
output keyVaultUri string = vault.properties.vaultUri
output reportContainerUrl string = reportContainerUrl
