// One Function App on its own Flex Consumption plan (a Flex Consumption plan holds exactly one app):
// Linux, Java 17, system-assigned identity, identity-based host storage, HTTPS only, TLS 1.2, FTP off.
// App settings carry names and URLs only.

@description('Function App name (globally unique).')
param name string

@description('Azure region.')
param location string

@description('Name of this app\'s own Flex Consumption plan.')
param planName string

@description('Name of the storage account used as host storage (AzureWebJobsStorage, identity-based).')
param storageAccountName string

@description('Blob endpoint of that storage account, e.g. https://acct.blob.core.windows.net/.')
param blobEndpoint string

@description('Container that holds this app\'s deployment package (Flex Consumption).')
param deploymentContainerName string

@description('Application Insights connection string (an endpoint and an id; ingestion needs Entra auth, local auth is off).')
param appInsightsConnectionString string

@description('App settings for the job itself (names, URLs, schedules, switches; never a secret).')
param jobSettings object

@description('Maximum instances. A timer job runs on one instance; 40 is the lowest maximum Flex Consumption accepts.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB.')
param instanceMemoryMB int = 2048

param tags object = {}

var hostSettings = {
  // Identity-based host storage: no connection string, no key.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  // Telemetry is sent with the app's identity (Monitoring Metrics Publisher), as local auth is disabled.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  AZURE_CREDENTIAL: 'managed-identity'
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

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: map(items(union(hostSettings, jobSettings)), s => {
        name: s.key
        value: string(s.value)
      })
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
  }
}

// Basic-auth publishing (FTP and SCM) off: deployments use Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = app.id
output name string = app.name
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
