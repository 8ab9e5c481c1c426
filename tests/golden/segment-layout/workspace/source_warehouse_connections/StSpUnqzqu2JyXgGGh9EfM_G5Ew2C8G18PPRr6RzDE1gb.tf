# Source warehouse connection 'checkout-android-3 → G5Ew2C8G18PPRr6RzDE1gb' (StSpUnqzqu2JyXgGGh9EfM:G5Ew2C8G18PPRr6RzDE1gb)
# Refers by id to Source StSpUnqzqu2JyXgGGh9EfM, managed in the root sources/.
# Refers by id to Warehouse G5Ew2C8G18PPRr6RzDE1gb, managed in the root warehouses/.
import {
  to = segment_source_warehouse_connection.id-StSpUnqzqu2JyXgGGh9EfM_G5Ew2C8G18PPRr6RzDE1gb
  id = "StSpUnqzqu2JyXgGGh9EfM:G5Ew2C8G18PPRr6RzDE1gb"
}

resource "segment_source_warehouse_connection" "id-StSpUnqzqu2JyXgGGh9EfM_G5Ew2C8G18PPRr6RzDE1gb" {
  source_id    = "StSpUnqzqu2JyXgGGh9EfM"
  warehouse_id = "G5Ew2C8G18PPRr6RzDE1gb"
}
