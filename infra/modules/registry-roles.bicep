// The cleaner's rights on its container registry, and on nothing else: read and delete images.
// Deployed at the registry's resource group, scoped to the registry.

@description('Name of the existing container registry.')
param registryName string

@description('Object id of the cleaner app\'s system-assigned identity.')
param principalId string

@description('rbac: legacy roles AcrPull + AcrDelete. abac: a registry in "RBAC Registry + ABAC Repository Permissions" mode, where the legacy roles are not honoured: Repository Catalog Lister + Repository Contributor.')
@allowed([
  'rbac'
  'abac'
])
param permissionsMode string = 'rbac'

// Built-in role definition ids (the same in every tenant).
var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
var acrDelete = 'c2f4ef07-c644-48eb-af81-4b1b4947fb11'
var repositoryCatalogLister = 'bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7'
var repositoryContributor = '2efddaa5-3f1f-4df3-97df-af3f13818f4c'
var roles = permissionsMode == 'abac' ? [repositoryCatalogLister, repositoryContributor] : [acrPull, acrDelete]

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource cleanerOnRegistry 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in roles: {
  name: guid(registry.id, principalId, roleId)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]
