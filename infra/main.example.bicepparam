using 'main.bicep'

// Example parameters: copy, change the names (apps, storage and vault names are globally unique), deploy with
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.example.bicepparam
param upgradeAppName = 'hub-helm-upgrade'
param cleanerAppName = 'hub-registry-cleaner'
param storageAccountName = 'hubbotstorage'
param keyVaultName = 'hub-bot-kv'
param registryName = 'hubregistry'
param configRepo = 'example-org/hub-deploy'
