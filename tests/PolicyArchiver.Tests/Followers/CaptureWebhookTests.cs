using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Followers;

/// <summary>The whole path: <c>capture</c> of the fixture site records a change, then posts it to the webhook the archive's configuration names.</summary>
public sealed class CaptureWebhookTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Secret = "from-appsettings";

    [Fact]
    public async Task Capture_posts_each_change_of_its_round_once_to_the_configured_webhook()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        await using var receiver = await WebhookReceiver.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(temp.ArchiveDirectory, "appsettings.json"), JsonSerializer.Serialize(new
        {
            PolicyArchiver = new
            {
                Web = new { PublicUrl = "https://archive.example.org/" },
                Webhooks = new[] { new { Url = receiver.Url.ToString(), Secret } },
            },
        }));
        string[] capture = ["capture", "--loopback-only", "--no-confirm", "--only", "testbank/privacy-policy-ru"];

        Assert.Equal(0, (await Support.Cli.RunAsync(temp, capture)).ExitCode);
        Assert.Empty(receiver.Posts); // a first version is not a change
        tenant.Phase = "v2";
        var changed = await Support.Cli.RunAsync(temp, capture);
        var unchanged = await Support.Cli.RunAsync(temp, capture);

        Assert.Equal((0, 0), (changed.ExitCode, unchanged.ExitCode));
        Assert.Contains("webhook: testbank/privacy-policy-ru/changes/1 delivered", changed.Error);
        var post = Assert.Single(receiver.Posts);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), post.Body)), post.Signature);
        var json = JsonDocument.Parse(post.Body).RootElement;
        Assert.Equal(("testbank/privacy-policy-ru", 1, 2), (json.GetProperty("document").GetString(), json.GetProperty("fromVersion").GetInt32(), json.GetProperty("toVersion").GetInt32()));
        Assert.Equal("https://archive.example.org/companies/testbank/privacy-policy-ru/changes/1", json.GetProperty("links").GetProperty("change").GetString());
        Assert.True(File.Exists(Path.Combine(temp.ArchiveDirectory, "webhooks", "deliveries.jsonl")));
    }
}
