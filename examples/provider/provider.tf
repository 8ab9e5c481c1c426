terraform {
  required_providers {
    segment = {
      source = "segsync/segment"
    }
  }
}

# Reads PUBLIC_API_URL and PUBLIC_API_TOKEN from the environment when not set here.
provider "segment" {}
