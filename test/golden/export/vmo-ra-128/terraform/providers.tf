# Providers: canonical/maas for the metal, spectrocloud/spectrocloud for the cluster.

terraform {
  required_providers = {
    maas         = {
      source = "canonical/maas"
    }
    spectrocloud = {
      source = "spectrocloud/spectrocloud"
    }
  }
}

provider "maas" {
  api_version = "2.0"
  api_key     = var.maas_api_key
  api_url     = var.maas_api_url
}

provider "spectrocloud" {
  api_key      = var.palette_api_key
  project_name = var.palette_project
}
