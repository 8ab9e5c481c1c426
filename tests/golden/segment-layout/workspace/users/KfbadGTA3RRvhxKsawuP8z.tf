# User 'android.2@example.com' (KfbadGTA3RRvhxKsawuP8z)
# Refers by id to Source EHTxfhT3Ksc5taxC5Fdotq, managed in the root sources/.
import {
  to = segment_user.id-KfbadGTA3RRvhxKsawuP8z
  id = "KfbadGTA3RRvhxKsawuP8z"
}

resource "segment_user" "id-KfbadGTA3RRvhxKsawuP8z" {
  email = "android.2@example.com"
  permissions = [
    {
      resources = [
        {
          id     = "EHTxfhT3Ksc5taxC5Fdotq"
          labels = []
          type   = "SOURCE"
        },
      ]
      role_id = "hkFjP7dGngyaU6NEarJTRpvMu5W"
    },
  ]
}
