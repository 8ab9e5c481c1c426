import {
  to = segment_insert_function_instance.id-CpLuEnGlXjhQAHJC2ZQgJfaZdGS
  id = "CpLuEnGlXjhQAHJC2ZQgJfaZdGS"
}

resource "segment_insert_function_instance" "id-CpLuEnGlXjhQAHJC2ZQgJfaZdGS" {
  enabled        = true
  function_id    = segment_function.id-ifnd_n00NG0s80SrHpA0ZAseLc69ltkP.id
  integration_id = segment_destination.id-839072fdee8039155fb8e1a3.id
  name           = "Web enricher instance 0"
  settings       = jsonencode({})
  settings_wo = jsonencode({
    apiKey = var.insert_function_instance_cpluenglxjhqahjc2zqgjfazdgs_apikey
  })
  settings_wo_version = null
}
