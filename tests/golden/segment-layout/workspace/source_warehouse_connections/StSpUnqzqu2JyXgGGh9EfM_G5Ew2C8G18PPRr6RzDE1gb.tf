# Source warehouse connection 'checkout-android-3 → G5Ew2C8G18PPRr6RzDE1gb' (StSpUnqzqu2JyXgGGh9EfM:G5Ew2C8G18PPRr6RzDE1gb)
import {
  to = segment_source_warehouse_connection.id-StSpUnqzqu2JyXgGGh9EfM_G5Ew2C8G18PPRr6RzDE1gb
  id = "StSpUnqzqu2JyXgGGh9EfM:G5Ew2C8G18PPRr6RzDE1gb"
}

resource "segment_source_warehouse_connection" "id-StSpUnqzqu2JyXgGGh9EfM_G5Ew2C8G18PPRr6RzDE1gb" {
  source_id    = "StSpUnqzqu2JyXgGGh9EfM"
  warehouse_id = "G5Ew2C8G18PPRr6RzDE1gb"
}
