using System.Net;
using PolicyArchiver.Capture;

namespace PolicyArchiver.Tests.Capture;

/// <summary>Which addresses a capture may reach: the public Internet, its target's own endpoint, and the networks an operator allowed.</summary>
public class NetworkGuardTests
{
    private static Task<NetworkGuard> GuardOfAsync(string target, params string[] allowed) =>
        NetworkGuard.ForAsync(new Uri(target), new CaptureOptions { LoopbackOnly = true, AllowedNetworks = [.. allowed] }, CancellationToken.None);

    private static async Task<string?> RefusalAsync(NetworkGuard guard, string url) => await guard.RefusalAsync(new Uri(url), CancellationToken.None);

    [Theory]
    [InlineData("http://10.1.2.3/", "a private address refused")]
    [InlineData("http://172.20.0.1:8080/admin", "a private address refused")]
    [InlineData("http://192.168.1.1/", "a private address refused")]
    [InlineData("http://[fd12::1]/", "a private address refused")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "a cloud metadata address refused")]
    [InlineData("http://[fd00:ec2::254]/", "a cloud metadata address refused")]
    [InlineData("http://169.254.10.20/", "a link-local address refused")]
    [InlineData("http://[fe80::1]/", "a link-local address refused")]
    [InlineData("http://127.0.0.2/", "a loopback address refused")]
    [InlineData("http://[::1]/", "a loopback address refused")]
    [InlineData("http://[::ffff:10.0.0.1]/", "a private address refused")]
    [InlineData("http://0.0.0.0/", "an unspecified address refused")]
    public async Task Special_addresses_other_than_the_targets_own_are_refused_with_their_kind_named(string url, string why)
    {
        var guard = await GuardOfAsync("https://bank.example.kz/privacy");
        Assert.StartsWith(why + ": ", await RefusalAsync(guard, url));
    }

    [Fact]
    public async Task Public_addresses_are_reached()
    {
        var guard = await GuardOfAsync("http://127.0.0.1:8080/privacy");
        Assert.Null(await RefusalAsync(guard, "https://93.184.216.34/privacy"));
        Assert.Null(await RefusalAsync(guard, "https://[2606:2800:220:1::]/"));
    }

    [Fact]
    public async Task The_targets_own_address_and_port_is_reached_but_another_port_of_it_is_another_service()
    {
        var guard = await GuardOfAsync("http://127.0.0.1:8080/privacy");
        Assert.Null(await RefusalAsync(guard, "http://127.0.0.1:8080/terms"));
        Assert.StartsWith("a loopback address refused: http://127.0.0.1:6379 (127.0.0.1)", await RefusalAsync(guard, "http://127.0.0.1:6379/"));
    }

    [Fact]
    public async Task A_network_the_operator_allows_is_reached()
    {
        var guard = await GuardOfAsync("https://bank.example.kz/privacy", "10.20.0.0/16", "fd12::/16");
        Assert.Null(await RefusalAsync(guard, "http://10.20.3.4/"));
        Assert.Null(await RefusalAsync(guard, "http://[fd12::1]/"));
        Assert.NotNull(await RefusalAsync(guard, "http://10.21.0.1/"));
    }
}
