using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Webhooks;

namespace PolicyArchiver.Tests.Followers;

/// <summary>
/// The service end to end: <c>run</c> captures the fixture site on its schedule, the page changes
/// between rounds, and the change reaches the loopback receivers the archive's configuration names,
/// signed, retried after a 500, and only where the subscription's company and topic ask for it.
/// </summary>
public sealed class RunWebhookTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Privacy = "testbank/privacy-policy-ru";
    private const string Secret = "secret-of-the-team-in-run";

    private static string Hmac(byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));

    /// <summary>Adds the webhooks to the archive's appsettings.json, keeping the storage a distributed test run wrote there.</summary>
    private static async Task ConfigureAsync(TempArchive temp, params (WebhookReceiver Receiver, string? Company, string? Topic)[] subscriptions)
    {
        var file = Path.Combine(temp.ArchiveDirectory, "appsettings.json");
        var settings = File.Exists(file) ? JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject() : [];
        var section = settings["PolicyArchiver"] as JsonObject ?? [];
        settings["PolicyArchiver"] = section;
        section["Webhooks"] = new JsonArray([.. subscriptions.Select(s => (JsonNode)new JsonObject
        {
            ["Url"] = s.Receiver.Url.ToString(),
            ["Secret"] = Secret,
            ["Company"] = s.Company,
            ["Topic"] = s.Topic,
        })]);
        section["WebhookDelivery"] = new JsonObject { ["RetryDelaySeconds"] = 0.05 };
        await File.WriteAllTextAsync(file, settings.ToJsonString());
    }

    [Fact]
    public async Task Run_posts_a_change_it_captured_signed_and_retried_to_the_subscriptions_that_want_it()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        await temp.KeepOnlyAsync(tenant, (Privacy, "* * * * * ?"));
        // Listed first, so the dispatcher has passed them by when the wanted ones have their posts.
        await using var otherCompany = await WebhookReceiver.StartAsync();
        await using var otherTopic = await WebhookReceiver.StartAsync();
        await using var company = await WebhookReceiver.StartAsync(500);
        await using var topic = await WebhookReceiver.StartAsync();
        await ConfigureAsync(temp, (otherCompany, "otherbank", null), (otherTopic, null, "biometrics"), (company, "testbank", null), (topic, null, "retention"));
        var log = DeliveryLog.In(temp.ArchiveDirectory);

        using var stop = new CancellationTokenSource();
        var run = Support.Cli.RunAsync(["run", "--loopback-only", "--no-web", "--host-delay", "0.5", "--archive", temp.ArchiveDirectory, "--targets", temp.TargetsFile], stop.Token);
        await Eventually.WaitAsync(async () => (await temp.Archive.Catalog.GetVersionsAsync(Privacy)).Count == 1, "the first version captured by run");
        tenant.Phase = "v2";
        await Eventually.WaitAsync(() => Task.FromResult(log.Read().Count(r => r.Outcome == DeliveryLog.Delivered) >= 2), "the change delivered to both wanted subscriptions");
        // A few more rounds over the unchanged page: nothing more is posted.
        var observations = (await temp.Archive.Catalog.GetObservationsAsync(Privacy)).Count;
        await Eventually.WaitAsync(async () => (await temp.Archive.Catalog.GetObservationsAsync(Privacy)).Count >= observations + 2, "two more scheduled captures");
        stop.Cancel();
        var result = await run;
        Assert.True(result.ExitCode == 0, result.Error);

        Assert.Empty(otherCompany.Posts);
        Assert.Empty(otherTopic.Posts);
        // The first attempt got a 500; the retry carries the same delivery id and body.
        Assert.Equal(2, company.Posts.Count);
        var (failed, retried) = (company.Posts.First(), company.Posts.Last());
        Assert.Equal(failed.Delivery, retried.Delivery);
        Assert.Equal(failed.Body, retried.Body);
        var post = Assert.Single(topic.Posts);
        foreach (var received in company.Posts.Append(post))
        {
            Assert.Equal(Hmac(received.Body), received.Signature);
            Assert.Equal("application/json", received.ContentType?.Split(';')[0]);
        }

        var json = JsonDocument.Parse(post.Body).RootElement;
        Assert.Equal((Privacy, 1, 2, "change"), (json.GetProperty("document").GetString(), json.GetProperty("fromVersion").GetInt32(), json.GetProperty("toVersion").GetInt32(), json.GetProperty("event").GetString()));
        var topics = json.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("retention", topics);
        Assert.DoesNotContain("biometrics", topics); // so the biometrics subscription had to be left out
        Assert.Equal(json.GetRawText(), JsonDocument.Parse(retried.Body).RootElement.GetRawText());

        var records = log.Read();
        Assert.Equal(2, records.Count);
        Assert.Contains(records, r => r.Subscription == company.Url.AbsoluteUri && r is { Outcome: DeliveryLog.Delivered, Attempts: 2, Status: 200, Change: Privacy + "/changes/1" });
        Assert.Contains(records, r => r.Subscription == topic.Url.AbsoluteUri && r is { Outcome: DeliveryLog.Delivered, Attempts: 1 });
    }
}
