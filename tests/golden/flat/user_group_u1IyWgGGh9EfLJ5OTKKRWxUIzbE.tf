import {
  to = segment_user_group.id-u1IyWgGGh9EfLJ5OTKKRWxUIzbE
  id = "u1IyWgGGh9EfLJ5OTKKRWxUIzbE"
}

resource "segment_user_group" "id-u1IyWgGGh9EfLJ5OTKKRWxUIzbE" {
  members = ["lead.web@example.com", "web.0@example.com"]
  name    = "Web team 0"
  permissions = [
    {
      resources = [
        {
          id     = "Yv78hrJWfPP44huJr5aeuG"
          labels = []
          type   = "SOURCE"
        },
      ]
      role_id = "1TnhUD7e7Q7cDWyC5hJcvTD1gWb"
    },
  ]
}
