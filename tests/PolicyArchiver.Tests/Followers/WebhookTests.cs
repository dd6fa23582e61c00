using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PolicyArchiver.Insight;
using PolicyArchiver.Insight.Topics;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web;
using PolicyArchiver.Webhooks;

namespace PolicyArchiver.Tests.Followers;

/// <summary>
/// Webhooks for teams without a feed reader: after a capture round each new change is POSTed once
/// per subscription, signed with the subscription's secret, retried while the receiver fails, and
/// never delivered twice, also by a process started later over the same archive.
/// </summary>
public sealed class WebhookTests
{
    private const string Secret = "s3cret-of-the-compliance-team";

    private static WebhookDispatcher Dispatcher(FollowerArchive archive, WebhookSettings settings, HttpClient http, List<string>? report = null) =>
        new(new ArchiveReader(archive.Temp.Archive, () => archive.Temp.Targets), TopicLexiconLoader.Embedded, settings,
            DeliveryLog.In(archive.Temp.ArchiveDirectory), new WebhookSender(http, settings, TimeProvider.System),
            new Uri("https://archive.example.org/"), TimeProvider.System, line => report?.Add(line));

    private static WebhookSettings Settings(params WebhookSubscription[] subscriptions) =>
        new() { Subscriptions = subscriptions, Retries = 3, RetryDelay = TimeSpan.FromMilliseconds(5), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The observations that made the archive's versions 2: what the second capture round reported.</summary>
    private static async Task<List<Observation>> SecondRoundAsync(FollowerArchive archive)
    {
        var round = new List<Observation>();
        foreach (var document in new[] { FollowerArchive.Followbank, FollowerArchive.Otherbank })
            round.AddRange((await archive.Temp.Archive.Catalog.GetObservationsAsync(document)).Where(o => o.NewVersion && o.Version == 2));
        return round;
    }

    private static string Hmac(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [Fact]
    public async Task Each_new_change_is_posted_once_per_subscription_as_signed_json()
    {
        using var archive = await FollowerArchive.CreateAsync();
        await using var everything = await WebhookReceiver.StartAsync();
        await using var oneCompany = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        var settings = Settings(new WebhookSubscription(everything.Url, Secret), new WebhookSubscription(oneCompany.Url, "other-secret", Company: "followbank"));

        var made = await Dispatcher(archive, settings, http).DeliverRoundAsync(await SecondRoundAsync(archive), CancellationToken.None);

        Assert.Equal(3, made);
        Assert.Equal(2, everything.Posts.Count);
        var only = Assert.Single(oneCompany.Posts);
        Assert.Equal(Hmac(only.Body, "other-secret"), only.Signature);
        Assert.Equal(FollowerArchive.Followbank, JsonDocument.Parse(only.Body).RootElement.GetProperty("document").GetString());
        foreach (var post in everything.Posts)
        {
            Assert.Equal(Hmac(post.Body, Secret), post.Signature);
            Assert.NotEqual(Hmac(post.Body, "a wrong secret"), post.Signature);
            Assert.Matches("^[0-9a-f]{32}$", post.Delivery);
            Assert.Equal("application/json; charset=utf-8", post.ContentType);
        }
        Assert.Equal(2, everything.Posts.Select(p => p.Delivery).Distinct().Count());

        var followbank = everything.Posts.Select(p => JsonDocument.Parse(p.Body).RootElement).Single(j => j.GetProperty("document").GetString() == FollowerArchive.Followbank);
        var change = (await archive.Temp.Archive.Catalog.GetChangesAsync(FollowerArchive.Followbank)).Single();
        var topics = (await ArchiveInsight.OfAsync(archive.Temp.Archive, change, TopicLexiconLoader.Embedded, CancellationToken.None)).Topics;
        // The fields and formats of `changes --json`…
        Assert.Equal((1, 2, Instant.Format(change.At)), (followbank.GetProperty("fromVersion").GetInt32(), followbank.GetProperty("toVersion").GetInt32(), followbank.GetProperty("at").GetString()));
        Assert.Equal((change.LinesAdded, change.LinesRemoved, change.WordsAdded, change.WordsRemoved),
            (followbank.GetProperty("linesAdded").GetInt32(), followbank.GetProperty("linesRemoved").GetInt32(), followbank.GetProperty("wordsAdded").GetInt32(), followbank.GetProperty("wordsRemoved").GetInt32()));
        Assert.False(followbank.GetProperty("technical").GetBoolean());
        Assert.NotEmpty(topics);
        Assert.Equal(topics, followbank.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        // …with the company, the document and the links a message to the team needs.
        Assert.Equal("change", followbank.GetProperty("event").GetString());
        Assert.Equal(1, followbank.GetProperty("number").GetInt32());
        Assert.Equal("tag:archive.example.org,2026-05-03:followbank/privacy-policy-ru/changes/1", followbank.GetProperty("id").GetString());
        Assert.Equal("АО «Банк для подписчиков»", followbank.GetProperty("company").GetProperty("name").GetString());
        Assert.Equal(("privacy-policy", "ru"), (followbank.GetProperty("documentType").GetString(), followbank.GetProperty("language").GetString()));
        Assert.Equal("https://archive.example.org/companies/followbank/privacy-policy-ru/changes/1", followbank.GetProperty("links").GetProperty("change").GetString());
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_delivery_on_the_third_attempt()
    {
        using var archive = await FollowerArchive.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync(500, 503);
        using var http = new HttpClient();
        var round = (await SecondRoundAsync(archive)).Where(o => o.Document == FollowerArchive.Followbank).ToList();

        await Dispatcher(archive, Settings(new WebhookSubscription(receiver.Url, Secret)), http).DeliverRoundAsync(round, CancellationToken.None);

        var posts = receiver.Posts.ToList();
        Assert.Equal(3, posts.Count);
        Assert.Single(posts.Select(p => p.Delivery).Distinct()); // one delivery, attempted three times
        Assert.All(posts, p => Assert.Equal(Hmac(p.Body, Secret), p.Signature));
        var record = Assert.Single(DeliveryLog.In(archive.Temp.ArchiveDirectory).Read());
        Assert.Equal((DeliveryLog.Delivered, 3, 200, posts[0].Delivery), (record.Outcome, record.Attempts, record.Status, record.Delivery));
        Assert.Equal("followbank/privacy-policy-ru/changes/1", record.Change);
    }

    [Fact]
    public async Task Delivering_again_after_a_restart_posts_only_changes_not_delivered_yet()
    {
        using var archive = await FollowerArchive.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = Settings(new WebhookSubscription(receiver.Url, Secret));
        var round = await SecondRoundAsync(archive);
        using (var http = new HttpClient()) await Dispatcher(archive, settings, http).DeliverRoundAsync(round, CancellationToken.None);
        Assert.Equal(2, receiver.Posts.Count);

        // Another process over the same archive, handed the same round again, then a round with a new change.
        using var again = new HttpClient();
        var restarted = Dispatcher(archive, settings, again);
        Assert.Equal(0, await restarted.DeliverRoundAsync(round, CancellationToken.None));
        var third = await archive.RecordAsync(FollowerArchive.Followbank, "privacy-v3.txt");
        var unchanged = await archive.RecordAsync(FollowerArchive.Otherbank, "privacy-v2.txt");
        Assert.Equal(1, await restarted.DeliverRoundAsync([third, unchanged], CancellationToken.None));

        Assert.Equal(3, receiver.Posts.Count);
        var last = JsonDocument.Parse(receiver.Posts.Last().Body).RootElement;
        Assert.Equal((FollowerArchive.Followbank, 2), (last.GetProperty("document").GetString(), last.GetProperty("number").GetInt32()));
        Assert.Equal(3, DeliveryLog.In(archive.Temp.ArchiveDirectory).Read().Count(r => r.Outcome == DeliveryLog.Delivered));
    }

    [Fact]
    public async Task A_delivery_that_fails_every_retry_is_recorded_and_delivered_after_the_next_round()
    {
        using var archive = await FollowerArchive.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync(500, 500, 500, 500);
        using var http = new HttpClient();
        var settings = Settings(new WebhookSubscription(receiver.Url, Secret));
        var round = (await SecondRoundAsync(archive)).Where(o => o.Document == FollowerArchive.Followbank).ToList();
        var report = new List<string>();

        await Dispatcher(archive, settings, http, report).DeliverRoundAsync(round, CancellationToken.None);
        Assert.Equal(4, receiver.Posts.Count); // the first attempt and 3 retries
        Assert.Equal(DeliveryLog.Failed, Assert.Single(DeliveryLog.In(archive.Temp.ArchiveDirectory).Read()).Outcome);
        Assert.Contains("not delivered", Assert.Single(report));

        await Dispatcher(archive, settings, http).DeliverRoundAsync([], CancellationToken.None);

        Assert.Equal(5, receiver.Posts.Count);
        Assert.Equal([DeliveryLog.Failed, DeliveryLog.Delivered], DeliveryLog.In(archive.Temp.ArchiveDirectory).Read().Select(r => r.Outcome));
        Assert.Equal(0, await Dispatcher(archive, settings, http).DeliverRoundAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task A_topic_filter_posts_only_changes_that_touch_the_topic()
    {
        using var archive = await FollowerArchive.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        var settings = Settings(new WebhookSubscription(receiver.Url, Secret, Topic: "no-such-topic"));

        Assert.Equal(0, await Dispatcher(archive, settings, http).DeliverRoundAsync(await SecondRoundAsync(archive), CancellationToken.None));
        Assert.Empty(receiver.Posts);
    }

    [Fact]
    public void Subscriptions_and_retries_are_read_from_configuration_and_mistakes_name_their_key()
    {
        var settings = WebhookSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PolicyArchiver:Webhooks:0:Url"] = "https://hooks.example.org/policy",
            ["PolicyArchiver:Webhooks:0:Secret"] = Secret,
            ["PolicyArchiver:Webhooks:1:Url"] = "http://127.0.0.1:9000/hook",
            ["PolicyArchiver:Webhooks:1:Secret"] = "x",
            ["PolicyArchiver:Webhooks:1:Company"] = "kaspi",
            ["PolicyArchiver:Webhooks:1:Topic"] = "third-parties",
            ["PolicyArchiver:WebhookDelivery:Retries"] = "2",
            ["PolicyArchiver:WebhookDelivery:RetryDelaySeconds"] = "0.5",
        }).Build());

        Assert.Equal([new WebhookSubscription(new Uri("https://hooks.example.org/policy"), Secret), new WebhookSubscription(new Uri("http://127.0.0.1:9000/hook"), "x", "kaspi", "third-parties")],
            settings.Subscriptions);
        Assert.Equal((2, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)), (settings.Retries, settings.RetryDelay, settings.Timeout));

        var e = Assert.Throws<WebhookConfigurationException>(() => WebhookSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PolicyArchiver:Webhooks:0:Url"] = "ftp://hooks.example.org/",
            ["PolicyArchiver:Webhooks:0:Secret"] = "x",
            ["PolicyArchiver:Webhooks:1:Url"] = "https://hooks.example.org/",
            ["PolicyArchiver:WebhookDelivery:Retries"] = "many",
        }).Build()));
        Assert.Contains("PolicyArchiver:Webhooks:0:Url", e.Message);
        Assert.Contains("PolicyArchiver:Webhooks:1:Secret", e.Message);
        Assert.Contains("PolicyArchiver:WebhookDelivery:Retries", e.Message);
    }
}
