using 'main.bicep'

// Example parameters: copy, change the names (apps, storage and vault names are globally unique), deploy with
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.example.bicepparam
// The upgrade reads its rules from .github/helm-upgrade-bot.yaml on configRepo's default branch: commit that
// file first (README, "The bot's rules in the config repo").
param upgradeAppName = 'hub-helm-upgrade'
param cleanerAppName = 'hub-registry-cleaner'
param storageAccountName = 'hubbotstorage'
param keyVaultName = 'hub-bot-kv'
param registryName = 'hubregistry'
param registryResourceGroup = 'hub-registry-rg'
param configRepo = 'example-org/hub-deploy'
param alertEmail = 'hub-operators@example.org'
