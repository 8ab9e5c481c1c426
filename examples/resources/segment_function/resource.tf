resource "segment_function" "enricher" {
  display_name  = "Enricher"
  resource_type = "DESTINATION"
  description   = "Adds account data to every event."
  code          = <<-JS
    async function onTrack(event, settings) {
      event.properties.plan = "gold"
      return event
    }
  JS
  settings = [{
    name        = "apiKey"
    label       = "API key"
    description = "Key of the account service"
    type        = "STRING"
    required    = true
    sensitive   = true
  }]
}
