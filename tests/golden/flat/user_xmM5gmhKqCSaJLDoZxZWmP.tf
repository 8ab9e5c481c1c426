import {
  to = segment_user.id-xmM5gmhKqCSaJLDoZxZWmP
  id = "xmM5gmhKqCSaJLDoZxZWmP"
}

resource "segment_user" "id-xmM5gmhKqCSaJLDoZxZWmP" {
  email = "android.2@example.com"
  permissions = [
    {
      resources = [
        {
          id     = "yb7KR2ojHb3mGtHfk7YKPD"
          labels = []
          type   = "SOURCE"
        },
      ]
      role_id = "hkFjP7dGngyaU6NEarJTRpvMu5W"
    },
  ]
}
