# User group 'Web team 0' (eMyUNl467O3CA7F6vDbkxQUdPqj)
# Refers by id to Source G1eApxSge2Z6MtZkCoSfjx, managed in the root sources/.
import {
  to = segment_user_group.id-eMyUNl467O3CA7F6vDbkxQUdPqj
  id = "eMyUNl467O3CA7F6vDbkxQUdPqj"
}

resource "segment_user_group" "id-eMyUNl467O3CA7F6vDbkxQUdPqj" {
  members = ["lead.web@example.com", "web.0@example.com"]
  name    = "Web team 0"
  permissions = [
    {
      resources = [
        {
          id     = "G1eApxSge2Z6MtZkCoSfjx"
          labels = []
          type   = "SOURCE"
        },
      ]
      role_id = "1TnhUD7e7Q7cDWyC5hJcvTD1gWb"
    },
  ]
}
