# Inputs. Secrets are sensitive variables: set them with TF_VAR_<name> in the environment, never in a file.

variable "maas_api_url" {
  type        = string
  description = "MAAS API URL, e.g. http://maas.example.com:5240/MAAS"
}

variable "maas_api_key" {
  type        = string
  description = "MAAS API key (consumer:token:secret)"
  sensitive   = true
}

variable "palette_api_key" {
  type        = string
  description = "Palette API key"
  sensitive   = true
}

variable "palette_project" {
  type        = string
  description = "Palette project the cluster is created in"
}

variable "flash_array_endpoint" {
  type        = string
  description = "FlashArray management address: MgmtEndPoint in pure.json (not in the site file: apply reads it from the environment)"
  sensitive   = true
}

variable "pure_api_token" {
  type        = string
  description = "FlashArray API token: APIToken in pure.json: administrative access to the FlashArray"
  sensitive   = true
}

variable "portworx_activation_id" {
  type        = string
  description = "Portworx Enterprise activation id: license.enterprise.activationId (RA §Portworx layer: PX Enterprise)"
  sensitive   = true
}

variable "grafana_admin_password" {
  type        = string
  description = "Grafana admin password: grafana.adminPassword of the monitoring layer (RA §Prometheus layer)"
  sensitive   = true
}
