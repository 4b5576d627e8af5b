// This device's address book of the site's other devices on the clinic's
// network (issue 15, peer sync): the addresses an admin typed ("manual") and,
// per peer device, the last address an exchange worked at ("remembered",
// with the device's id and name). Kept in `meta` like the scanner and clock
// settings: device-local, never synced (an address means something only on
// this clinic's network, seen from this device). The store operations are in
// store.h ("peer addresses"); the peer service (sync/peer/peer_service.h)
// reads them every round and writes the remembered ones.
#pragma once

#include <cstdint>
#include <string>

namespace outpost {

// One entry of the address book.
struct PeerAddress {
    std::string address;  // "192.168.1.20:7610" (host:port, checked)
    bool manual = false;  // typed by an admin (kept until forgotten)
    // Remembered entries only (empty / 0 for a manual one): the device that
    // answered there, its name as it gave it, and when (UTC ms).
    std::string device_id, device_name;
    int64_t last_success_ms = 0;
};

// Splits "host:port" (the host may be a name, an IPv4 address or a bracket-
// less IPv6 address: the port is after the last colon). port_required_above
// is the lowest port accepted (1 for a peer's address; 0 where "any free
// port" makes sense, e.g. a listen address in tests). False with a
// plain-words *problem (in the screen language) when the text is not one.
bool split_host_port(const std::string& text, std::string* host, int* port, std::string* problem,
                     int lowest_port = 0);

}  // namespace outpost
