# Written by segsync-export. The provider reads PUBLIC_API_URL and PUBLIC_API_TOKEN.
terraform {
  required_version = ">= 1.11"

  required_providers {
    segment = {
      source = "segsync/segment"
    }
  }
}

provider "segment" {}
