// make_mdns_discovery() (peer_discovery.h): DNS-SD with Avahi's client
// library on a threaded poll of its own, when CMake found avahi-client
// (OUTPOST_HAVE_AVAHI); otherwise a discovery that finds nothing and says so.
// Announces kServiceType with TXT "site=<site id>" and "device=<device id>"
// (never the key), browses the same type over IPv4 and keeps the devices of
// this site, this device excluded. The Avahi callbacks run on the poll's
// thread; what they find is kept under mu_ and on_change is called outside it.
#include "i18n.h"
#include "peer_discovery.h"

#ifdef OUTPOST_HAVE_AVAHI
#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-client/publish.h>
#include <avahi-common/alternative.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>
#include <avahi-common/strlst.h>
#include <avahi-common/thread-watch.h>

#include <map>
#endif

namespace outpost {
namespace peer {

namespace {

#ifdef OUTPOST_HAVE_AVAHI

class AvahiDiscovery : public PeerDiscovery {
  public:
    ~AvahiDiscovery() override { stop(); }

    void start(const Announcement& me, std::function<void()> on_change) override {
        stop();
        {
            std::lock_guard<std::mutex> l(mu_);
            me_ = me;
            on_change_ = std::move(on_change);
            problem_.clear();
            running_ = false;
            found_.clear();
            name_ = instance_name(me);
        }
        poll_ = avahi_threaded_poll_new();
        if (!poll_) return fail(i18n::tr("mDNS could not start (out of memory)"));
        int error = 0;
        // NO_FAIL: when avahi-daemon starts later, discovery starts then.
        client_ = avahi_client_new(avahi_threaded_poll_get(poll_), AVAHI_CLIENT_NO_FAIL,
                                   &AvahiDiscovery::on_client, this, &error);
        if (!client_) {
            avahi_threaded_poll_free(poll_);
            poll_ = nullptr;
            return fail(not_running(avahi_strerror(error)));
        }
        avahi_threaded_poll_start(poll_);
    }

    void stop() override {
        if (poll_) avahi_threaded_poll_stop(poll_);
        if (client_) avahi_client_free(client_);  // frees the group, browser and resolvers
        if (poll_) avahi_threaded_poll_free(poll_);
        client_ = nullptr;
        poll_ = nullptr;
        group_ = nullptr;
        browser_ = nullptr;
        std::lock_guard<std::mutex> l(mu_);
        running_ = false;
        found_.clear();
    }

    bool running() const override {
        std::lock_guard<std::mutex> l(mu_);
        return running_;
    }
    std::string problem() const override {
        std::lock_guard<std::mutex> l(mu_);
        return problem_;
    }
    std::vector<DiscoveredPeer> found() const override {
        std::lock_guard<std::mutex> l(mu_);
        std::vector<DiscoveredPeer> out;
        for (const auto& [name, p] : found_) out.push_back(p);
        return out;
    }

  private:
    static std::string not_running(const std::string& detail) {
        return i18n::format(
            i18n::tr("devices are not found by themselves here (mDNS not available: {0}; is "
                     "avahi-daemon running?): add their addresses by hand"),
            {detail});
    }
    static std::string instance_name(const Announcement& me) {
        std::string n = "Outpost " + me.device_name;
        if (n.size() > 50) n.resize(50);
        return n + " " + me.device_id.substr(0, 8);
    }

    template <typename F>
    void change(F f) {
        std::function<void()> notify;
        {
            std::lock_guard<std::mutex> l(mu_);
            f();
            notify = on_change_;
        }
        if (notify) notify();
    }
    void fail(const std::string& words) {
        change([&] {
            problem_ = words;
            running_ = false;
        });
    }

    // On the poll thread from here on.
    static void on_client(AvahiClient* c, AvahiClientState state, void* self) {
        static_cast<AvahiDiscovery*>(self)->client_state(c, state);
    }
    void client_state(AvahiClient* c, AvahiClientState state) {
        switch (state) {
            case AVAHI_CLIENT_S_RUNNING:
                announce(c);
                browse(c);
                break;
            case AVAHI_CLIENT_S_COLLISION:
            case AVAHI_CLIENT_S_REGISTERING:
                if (group_) avahi_entry_group_reset(group_);
                break;
            case AVAHI_CLIENT_CONNECTING:
                fail(not_running(avahi_strerror(AVAHI_ERR_NO_DAEMON)));
                break;
            case AVAHI_CLIENT_FAILURE:
                fail(not_running(avahi_strerror(avahi_client_errno(c))));
                break;
        }
    }
    void announce(AvahiClient* c) {
        Announcement me;
        std::string name;
        {
            std::lock_guard<std::mutex> l(mu_);
            me = me_;
            name = name_;
        }
        if (me.port <= 0) return;
        if (!group_) group_ = avahi_entry_group_new(c, &AvahiDiscovery::on_group, this);
        if (!group_) return fail(not_running(avahi_strerror(avahi_client_errno(c))));
        if (!avahi_entry_group_is_empty(group_)) return;
        const std::string site = "site=" + me.site_id, device = "device=" + me.device_id;
        int r = avahi_entry_group_add_service(group_, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC,
                                              AvahiPublishFlags(0), name.c_str(), kServiceType,
                                              nullptr, nullptr, static_cast<uint16_t>(me.port),
                                              site.c_str(), device.c_str(), nullptr);
        if (r == AVAHI_ERR_COLLISION) return rename(c);
        if (r < 0 || avahi_entry_group_commit(group_) < 0)
            fail(i18n::format(i18n::tr("this device could not announce itself by mDNS: {0}"),
                              {avahi_strerror(r)}));
    }
    void rename(AvahiClient* c) {
        {
            std::lock_guard<std::mutex> l(mu_);
            char* alt = avahi_alternative_service_name(name_.c_str());
            name_ = alt;
            avahi_free(alt);
        }
        if (group_) avahi_entry_group_reset(group_);
        announce(c);
    }
    static void on_group(AvahiEntryGroup* g, AvahiEntryGroupState state, void* self) {
        auto* d = static_cast<AvahiDiscovery*>(self);
        if (state == AVAHI_ENTRY_GROUP_COLLISION) d->rename(avahi_entry_group_get_client(g));
    }
    void browse(AvahiClient* c) {
        if (browser_) return;
        browser_ =
            avahi_service_browser_new(c, AVAHI_IF_UNSPEC, AVAHI_PROTO_INET, kServiceType, nullptr,
                                      AvahiLookupFlags(0), &AvahiDiscovery::on_browse, this);
        if (!browser_) return fail(not_running(avahi_strerror(avahi_client_errno(c))));
        change([&] {
            running_ = true;
            problem_.clear();
        });
    }
    static void on_browse(AvahiServiceBrowser* b, AvahiIfIndex iface, AvahiProtocol proto,
                          AvahiBrowserEvent event, const char* name, const char* type,
                          const char* domain, AvahiLookupResultFlags, void* self) {
        auto* d = static_cast<AvahiDiscovery*>(self);
        AvahiClient* c = avahi_service_browser_get_client(b);
        if (event == AVAHI_BROWSER_NEW) {
            // Freed in on_resolve; a failure here just means not found.
            (void)avahi_service_resolver_new(c, iface, proto, name, type, domain, AVAHI_PROTO_INET,
                                             AvahiLookupFlags(0), &AvahiDiscovery::on_resolve,
                                             self);
        } else if (event == AVAHI_BROWSER_REMOVE) {
            d->change([&] { d->found_.erase(name); });
        } else if (event == AVAHI_BROWSER_FAILURE) {
            d->fail(not_running(avahi_strerror(avahi_client_errno(c))));
        }
    }
    static void on_resolve(AvahiServiceResolver* r, AvahiIfIndex, AvahiProtocol,
                           AvahiResolverEvent event, const char* name, const char*, const char*,
                           const char*, const AvahiAddress* address, uint16_t port,
                           AvahiStringList* txt, AvahiLookupResultFlags, void* self) {
        auto* d = static_cast<AvahiDiscovery*>(self);
        if (event == AVAHI_RESOLVER_FOUND && address) {
            std::string site, device;
            for (AvahiStringList* t = txt; t; t = avahi_string_list_get_next(t)) {
                const std::string kv(reinterpret_cast<const char*>(avahi_string_list_get_text(t)),
                                     avahi_string_list_get_size(t));
                if (kv.rfind("site=", 0) == 0) site = kv.substr(5);
                if (kv.rfind("device=", 0) == 0) device = kv.substr(7);
            }
            char host[AVAHI_ADDRESS_STR_MAX];
            avahi_address_snprint(host, sizeof host, address);
            d->change([&] {
                if (site == d->me_.site_id && !device.empty() && device != d->me_.device_id)
                    d->found_[name] =
                        DiscoveredPeer{device, std::string(host) + ":" + std::to_string(port)};
            });
        }
        avahi_service_resolver_free(r);
    }

    AvahiThreadedPoll* poll_ = nullptr;
    AvahiClient* client_ = nullptr;
    AvahiEntryGroup* group_ = nullptr;
    AvahiServiceBrowser* browser_ = nullptr;

    mutable std::mutex mu_;  // guards what follows
    Announcement me_;
    std::string name_;
    std::function<void()> on_change_;
    bool running_ = false;
    std::string problem_;
    std::map<std::string, DiscoveredPeer> found_;  // by service instance name
};

#else

// This build has no Avahi: never finds anything, and says why.
class NoDiscovery : public PeerDiscovery {
  public:
    void start(const Announcement&, std::function<void()>) override {}
    void stop() override {}
    bool running() const override { return false; }
    std::string problem() const override {
        return i18n::tr(
            "this build cannot find devices by themselves (built without Avahi): add their "
            "addresses by "
            "hand");
    }
    std::vector<DiscoveredPeer> found() const override { return {}; }
};

#endif

}  // namespace

std::unique_ptr<PeerDiscovery> make_mdns_discovery() {
#ifdef OUTPOST_HAVE_AVAHI
    return std::make_unique<AvahiDiscovery>();
#else
    return std::make_unique<NoDiscovery>();
#endif
}

}  // namespace peer
}  // namespace outpost
