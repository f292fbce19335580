using System.Net;
using System.Net.Sockets;

namespace Bayan.Webhooks;

public static class WebhooksFeature
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.AddScoped<WebhookOutbox>();
        var allowPrivate = configuration.GetValue("Bayan:Webhooks:AllowPrivateAddresses", false);
        services.AddHttpClient(WebhookDispatcher.Client, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                // Through a proxy, the check below would vet the proxy's address rather than the receiver's.
                UseProxy = allowPrivate,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = allowPrivate ? null : ConnectToPublicAddressAsync,
            });
        return services;
    }

    /// <summary>
    /// Connects only to public addresses, checked after the name is resolved (so a name that resolves to the site's own
    /// network is refused too): a webhook must not become a way to reach the database, the cloud's metadata service or
    /// anything else behind the firewall. Bayan:Webhooks:AllowPrivateAddresses lifts it for receivers on the same network.
    /// </summary>
    private static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{host} is a private or local address; webhooks go to public addresses only (see Bayan:Webhooks:AllowPrivateAddresses).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] is >= 64 and <= 127)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113);
        }

        // IPv6 addresses that carry an IPv4 address (NAT64 64:ff9b::/96, 6to4 2002::/16, the old IPv4-compatible ::a.b.c.d)
        // lead to wherever that IPv4 address does.
        var bytes = address.GetAddressBytes();
        if (bytes.AsSpan(0, 12).SequenceEqual(Nat64Prefix) || !bytes.AsSpan(0, 12).ContainsAnyExcept((byte)0))
        {
            return IsPrivate(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsPrivate(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
    }
}
