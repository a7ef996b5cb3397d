// helm-upgrade-bot on Azure: two timer-triggered Function Apps (Flex Consumption, Linux, Java 17), each
// with its own system-assigned identity and only the rights its job needs:
//   upgrade app  -> Key Vault Secrets User on the vault (reads the GitHub token)
//   cleaner app  -> AcrPull + AcrDelete (or the ABAC repository roles) on the registry
//   both         -> Storage Blob Data Owner on the host storage account (host state, deployment package,
//                   reports) and Monitoring Metrics Publisher on Application Insights.
// No keys, connection secrets or tokens appear in any app setting. The GitHub token is stored in the
// vault after deployment: az keyvault secret set --vault-name <vault> --name github-token --file <file>.
targetScope = 'resourceGroup'

@description('Azure region (one that offers Flex Consumption).')
param location string = resourceGroup().location

@description('Name of the upgrade Function App (globally unique).')
param upgradeAppName string

@description('Name of the registry-cleaner Function App (globally unique).')
param cleanerAppName string

@description('Name of the Flex Consumption plan.')
param planName string = 'helm-upgrade-bot-plan'

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

@description('The config repository the upgrade job edits, as owner/name (e.g. jupyterhub/mybinder.org-deploy).')
param configRepo string

@description('Upgrade schedule, NCRONTAB with six fields (second minute hour day month weekday); default daily at 03:00 UTC.')
param upgradeSchedule string = '0 0 3 * * *'

@description('Cleaning schedule, NCRONTAB with six fields; default monthly, on the 1st at 04:00 UTC.')
param cleanSchedule string = '0 0 4 1 * *'

@description('true: the upgrade job only reports what it would change.')
param upgradeDryRun bool = false

@description('true: the cleaner only reports what it would delete (the safe default for a first run).')
param cleanDryRun bool = true

@description('More app settings for the upgrade job (names and values; never secrets).')
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

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

var reportContainerUrl = '${storage.properties.primaryEndpoints.blob}${reportsContainer}'

module upgradeApp 'modules/function-app.bicep' = {
  name: 'upgrade-app'
  params: {
    name: upgradeAppName
    location: location
    tags: tags
    planId: plan.id
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
    planId: plan.id
    storageAccountName: storage.name
    blobEndpoint: storage.properties.primaryEndpoints.blob
    deploymentContainerName: cleanerPackageContainer
    appInsightsConnectionString: insights.properties.ConnectionString
    jobSettings: union({
      CLEAN_SCHEDULE: cleanSchedule
      CLEAN_DRY_RUN: cleanDryRun ? 'true' : 'false'
      REGISTRY_NAME: registryName
      REGISTRY_LOGIN_SERVER: '${registryName}${environment().suffixes.acrLoginServer}'
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

output upgradeAppName string = upgradeApp.outputs.name
output cleanerAppName string = cleanerApp.outputs.name
output upgradePrincipalId string = upgradeApp.outputs.principalId
output cleanerPrincipalId string = cleanerApp.outputs.principalId
output keyVaultUri string = vault.properties.vaultUri
output reportContainerUrl string = reportContainerUrl
