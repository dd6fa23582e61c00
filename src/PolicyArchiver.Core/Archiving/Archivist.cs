using System.Diagnostics;
using System.Text;
using Polly;
using System.Collections.Concurrent;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using PolicyArchiver.Capture;
using PolicyArchiver.Extraction;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Versioning;
using Outcome = PolicyArchiver.Model.Outcome;

namespace PolicyArchiver.Archiving;

/// <summary>
/// The pipeline: capture a document, keep the snapshot, extract its text, and record a new
/// version (and the change from the previous one) when the text differs. Every attempt, ok or
/// not, is recorded as an observation.
/// </summary>
public sealed class Archivist
{
    private readonly Archive _archive;
    private readonly Capturer _capturer;
    private readonly CaptureOptions _options;
    private readonly TimeProvider _time;
    private readonly Politeness _politeness;
    private readonly Reextractor _reextractor;
    private readonly ConcurrentDictionary<string, ResiliencePipeline<PageCapture>> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, PageCapture> _lastFailure = new(StringComparer.OrdinalIgnoreCase);

    public ArchivistEvents Events { get; } = new();

    private readonly RenderSkip _renderSkip;

    public Archivist(Archive archive, Capturer capturer, CaptureOptions options, TimeProvider time)
    {
        _renderSkip = new RenderSkip(archive);
        _archive = archive;
        _capturer = capturer;
        _options = options;
        _time = time;
        _politeness = new Politeness(options.Concurrency, options.HostDelay, time);
        _reextractor = new Reextractor(archive, time);
        _noise = new NoiseStore(archive.Blobs, archive.Catalog, archive.Catalog);
    }

    private readonly NoiseStore _noise;

    /// <summary>
    /// Per host: retries with backoff and jitter around a circuit breaker around a timeout per
    /// attempt. The breaker is per host so that one dead site does not stop the others.
    /// </summary>
    private ResiliencePipeline<PageCapture> PipelineFor(string host) => _hosts.GetOrAdd(host, h =>
        new ResiliencePipelineBuilder<PageCapture> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<PageCapture>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { IsTransient: true } r && !(r.RetryAfter > _options.MaxRetryAfter)
                    || args.Outcome.Exception is TimeoutRejectedException),
                MaxRetryAttempts = Math.Max(0, _options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
                // 429 and 503 may say when to come back; that beats our own guess.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = async args =>
                {
                    // An attempt that outlived its timeout means the browser hangs: start a fresh one.
                    if (args.Outcome.Exception is TimeoutRejectedException) await _capturer.ResetBrowserAsync();
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<PageCapture>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { IsTransient: true } || args.Outcome.Exception is TimeoutRejectedException),
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, _options.CircuitFailures),
                SamplingDuration = _options.CircuitSamplingDuration,
                BreakDuration = _options.CircuitBreakDuration,
                OnOpened = args =>
                {
                    if (args.Outcome.Result is { } failure) _lastFailure[h] = failure;
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(_options.AttemptTimeout)
            .Build());

    /// <summary>
    /// One round over the documents. Different hosts are captured in parallel (up to
    /// <see cref="CaptureOptions.Concurrency"/>); the documents of one host one after another.
    /// </summary>
    public async Task<IReadOnlyList<Observation>> CaptureRoundAsync(IReadOnlyList<Document> documents, CancellationToken ct)
    {
        var results = new Observation[documents.Count];
        var byHost = documents.Select((d, i) => (Document: d, Index: i)).GroupBy(x => x.Document.Url.Host).ToList();
        await Parallel.ForEachAsync(byHost, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Concurrency), CancellationToken = ct },
            async (host, token) =>
            {
                foreach (var (document, index) in host)
                    results[index] = await CaptureAsync(document, token);
            });
        return results;
    }

    public async Task<Observation> CaptureAsync(Document document, CancellationToken ct)
    {
        Events.OnCaptureStarted(document);
        var at = _time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        PageCapture capture;
        var parts = new List<PageCapture>();
        await using (await _politeness.EnterAsync(document.Url.Host, ct))
        {
            try
            {
                var unchanged = _options.AlwaysRender ? null : await _renderSkip.ForAsync(document, ct);
                capture = await PipelineFor(document.Url.Host).ExecuteAsync(async token =>
                {
                    attempts++;
                    return await _capturer.CaptureAsync(document, token, unchanged);
                }, ct);
                // A document split across several pages is captured whole or not at all.
                for (var i = 0; i < document.Combine.Count && capture.Outcome == Outcome.Ok; i++)
                {
                    var page = document with { Url = document.Combine[i], Combine = [] };
                    var part = await PipelineFor(page.Url.Host).ExecuteAsync(token => new ValueTask<PageCapture>(_capturer.CaptureAsync(page, token)), ct);
                    if (part.Outcome != Outcome.Ok || part.Body is null)
                        capture = capture with { Outcome = part.Outcome, Detail = $"page {i + 2} of the document ({page.Url}): {part.Detail ?? part.Outcome}", Body = null };
                    else
                        parts.Add(part);
                }
            }
            catch (BrokenCircuitException)
            {
                var last = _lastFailure.GetValueOrDefault(document.Url.Host);
                capture = PageCapture.Failed(last?.Outcome ?? Outcome.NetworkError,
                    $"not attempted: {document.Url.Host} failed repeatedly, retrying after {_options.CircuitBreakDuration.TotalMinutes:0} min" +
                    (last?.Detail is { } d ? $" (last: {d})" : ""), last?.HttpStatus);
            }
            catch (TimeoutRejectedException)
            {
                await _capturer.ResetBrowserAsync();
                capture = PageCapture.Failed(Outcome.Timeout, $"capture did not finish within {_options.AttemptTimeout.TotalSeconds:0} s; browser restarted");
            }
        }
        // A single page can be fetched again to confirm a change; a document of several pages is taken as captured.
        var confirm = document.Combine.Count == 0 && _options.ConfirmDelay is not null ? ConfirmAsync : (Func<Document, CancellationToken, Task<Confirmation?>>?)null;
        var observation = await RecordAsync(document, at, capture, parts, attempts, clock, confirm, ct);
        Events.OnObservationRecorded(document, observation);
        return observation;
    }

    /// <summary>A second fetch of the page, moments after the first, and when it was made.</summary>
    private sealed record Confirmation(DateTimeOffset At, PageCapture Capture, Stopwatch Clock);

    /// <summary>Fetches the page again after <see cref="CaptureOptions.ConfirmDelay"/>, politely, rendered in full.</summary>
    private async Task<Confirmation?> ConfirmAsync(Document document, CancellationToken ct)
    {
        await Task.Delay(_options.ConfirmDelay!.Value, _time, ct);
        await using (await _politeness.EnterAsync(document.Url.Host, ct))
        {
            var at = _time.GetUtcNow();
            var clock = Stopwatch.StartNew();
            try
            {
                var capture = await PipelineFor(document.Url.Host).ExecuteAsync(token => new ValueTask<PageCapture>(_capturer.CaptureAsync(document, token)), ct);
                return new Confirmation(at, capture, clock);
            }
            catch (Exception e) when (e is BrokenCircuitException or TimeoutRejectedException)
            {
                return null;
            }
        }
    }

    private async Task<Observation> RecordAsync(Document document, DateTimeOffset at, PageCapture capture, IReadOnlyList<PageCapture> parts, int attempts, Stopwatch clock,
        Func<Document, CancellationToken, Task<Confirmation?>>? confirm, CancellationToken ct)
    {
        if (capture.Outcome != Outcome.Ok || capture.Body is null)
            return await RecordFailureAsync(document, at, capture, capture.Detail, attempts, clock, ct);

        // A page's text would take ten times the body in memory: the served bytes go to the WARC file,
        // whole. A PDF or Word file is read however large (up to the body cap): a scanned policy of
        // tens of megabytes is still the policy, and losing its text would lose the document.
        if (parts.Prepend(capture).FirstOrDefault(p => p.Body!.LongLength > _options.MaxExtractBytes && !IsFile(p)) is { } huge)
            return await RecordFailureAsync(document, at, capture with { Outcome = Outcome.Blocked },
                Join(capture.Detail, $"unreadable document: the body of {ByteSize.Of(huge.Body!.LongLength)} is above the {ByteSize.Of(_options.MaxExtractBytes)} extraction limit; kept as served in the WARC file, not extracted"),
                attempts, clock, ct);

        string text;
        bool ocr;
        BlockVerdict verdict;
        try
        {
            // The unchanged-page checks may have extracted this very body or DOM already.
            (text, ocr) = _renderSkip.KnownText(capture.Dom ?? (object)capture.Body) is { } known
                ? new ExtractedText(known)
                : await Extractor.ExtractAsync(document, capture.Body, capture.ContentType, capture.Dom,
                    capture.FinalUrl is { } final ? new Uri(final) : document.Url, ct);
            // Whether each page is the document or a wall in its way is judged on its text.
            verdict = BlockDetector.Judge(document, PageContent.Of(capture, text, document.Url));
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                var (partText, partOcr) = await Extractor.ExtractAsync(document, part.Body!, part.ContentType, part.Dom, new Uri(part.FinalUrl!), ct);
                (text, ocr) = (text + partText, ocr || partOcr);
                verdict = verdict.Then(BlockDetector.Judge(document, PageContent.Of(part, partText, document.Combine[i])), $"page {i + 2} of the document ({document.Combine[i]})");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A body we cannot read (a corrupt PDF, say) is what the site served: record it as such.
            return await RecordFailureAsync(document, at, capture with { Outcome = Outcome.Blocked }, $"unreadable document: {e.Message}", attempts, clock, ct);
        }
        if (verdict.Blocked)
            return await RecordFailureAsync(document, at, capture with { Outcome = Outcome.Blocked }, verdict.Detail, attempts, clock, ct);

        var noise = await _noise.LoadAsync(document.Key, ct);
        // A navigation the page tried after it was served is part of what this capture saw.
        string? detail = Join(capture.Detail, verdict.Detail);
        if (confirm is not null && await ChangedAsync(document, text, noise, ct))
        {
            // What differs between two fetches moments apart is volatile by definition: the version
            // is decided on what both agree on, and both observations are kept.
            var confirmation = await confirm(document, ct);
            var secondText = confirmation is { Capture: { Outcome: Outcome.Ok, Body: not null } c } ? await TextOfAsync(document, c, ct) : null;
            if (secondText is null)
            {
                var why = confirmation is null ? "was not attempted (host failing)"
                    : $"gave {confirmation.Capture.Outcome}{(confirmation.Capture.Detail is { } d ? $" ({d})" : "")}";
                detail = Join(detail, $"change not confirmed: the second fetch {why}; recorded as captured");
            }
            else
            {
                var known = noise.Clone();
                await _noise.LearnAsync(document, noise, 0, text, at, ct, save: false);
                noise.Learn(CanonicalText.Of(text), CanonicalText.Of(secondText.Value.Text.Text), confirmation!.At, confirmed: true);
                detail = Join(await ChangedAsync(document, text, noise, ct, known)
                    ? $"change confirmed by a second fetch {(confirmation.At - at).TotalSeconds:0} s later"
                    : $"no change: what differed from the current version also differed between two fetches {(confirmation.At - at).TotalSeconds:0} s apart (volatile)",
                    detail);
                var first = await RecordOkAsync(document, at, capture, parts, text, ocr, attempts, clock, noise, detail, ct, known);
                var second = await RecordOkAsync(document, confirmation.At, confirmation.Capture, [], secondText.Value.Text.Text, secondText.Value.Text.OcrDerived, 1,
                    confirmation.Clock, noise, Join($"second fetch confirming the capture of {CatalogTime.Write(at)}", secondText.Value.Verdict.Detail), ct);
                (noise.LastTextSha, noise.LastObservationId) = (Hashing.Sha256Hex(secondText.Value.Text.Text), second.Id);
                await _noise.SaveAsync(document.Key, noise, ct);
                return first;
            }
        }
        var observation = await RecordOkAsync(document, at, capture, parts, text, ocr, attempts, clock, noise, detail, ct);
        await _noise.LearnAsync(document, noise, observation.Id, text, at, ct);
        return observation;
    }

    /// <summary>Whether a text would start a new version of the document, as things stand.</summary>
    private async Task<bool> ChangedAsync(Document document, string text, NoiseModel noise, CancellationToken ct, NoiseModel? known = null)
    {
        var latest = await _archive.Catalog.GetLatestVersionAsync(document.Key, ct);
        if (latest is null) return false;
        if (latest.TextSha256 == Hashing.Sha256Hex(text)) return false;
        latest = await _reextractor.SeparateTechnicalChangeAsync(document, latest, ct);
        return VersionDecision.IsNewVersion(document, await _archive.ReadTextAsync(latest, ct), text, noise, known: known);
    }

    /// <summary>The text of a capture of a single page, or null when the page is not the document (a wall, a placeholder).</summary>
    private static async Task<(ExtractedText Text, BlockVerdict Verdict)?> TextOfAsync(Document document, PageCapture capture, CancellationToken ct)
    {
        try
        {
            var extracted = await Extractor.ExtractAsync(document, capture.Body!, capture.ContentType, capture.Dom,
                capture.FinalUrl is { } final ? new Uri(final) : document.Url, ct);
            var verdict = BlockDetector.Judge(document, PageContent.Of(capture, extracted.Text, document.Url));
            return verdict.Blocked ? null : (extracted, verdict);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private static string? Join(string? first, string? then) => first is null ? then : then is null ? first : $"{first}; {then}";

    /// <summary>Records an ok capture: its snapshot and evidence, and a new version when its text is one.</summary>
    private async Task<Observation> RecordOkAsync(Document document, DateTimeOffset at, PageCapture capture, IReadOnlyList<PageCapture> parts, string text, bool ocr,
        int attempts, Stopwatch clock, NoiseModel noise, string? detail, CancellationToken ct, NoiseModel? known = null)
    {
        var url = document.Url.AbsoluteUri;
        var snapshot = await StoreSnapshotAsync(capture, ct);
        var textBytes = Encoding.UTF8.GetBytes(text);
        var textSha = await _archive.Blobs.PutAsync(textBytes, ct);
        var dom = capture.Dom is null ? null : Encoding.UTF8.GetBytes(capture.Dom);
        var warc = (await CaptureWarc.WriteAsync(_archive, capture, new CaptureWarc.Resources(capture.Screenshot, dom, textBytes), ct)).ToList();
        var stored = new List<SnapshotPart>();
        foreach (var part in parts)
        {
            var partSnapshot = await StoreSnapshotAsync(part, ct);
            stored.Add(new SnapshotPart(partSnapshot.FinalUrl, partSnapshot.BodySha256, partSnapshot.ContentType, partSnapshot.DomSha256));
            var partDom = part.Dom is null ? null : Encoding.UTF8.GetBytes(part.Dom);
            warc.AddRange(await CaptureWarc.WriteAsync(_archive, part, new CaptureWarc.Resources(part.Screenshot, partDom, null), ct));
        }
        snapshot = snapshot with { Parts = stored };

        for (var conflicts = 0; ; conflicts++)
        {
            var latest = await _archive.Catalog.GetLatestVersionAsync(document.Key, ct);
            if (latest is not null && latest.TextSha256 != textSha)
                latest = await _reextractor.SeparateTechnicalChangeAsync(document, latest, ct);
            NewVersion? version = null;
            if (latest is null || latest.TextSha256 != textSha)
            {
                var previous = latest is null ? null : await _archive.ReadTextAsync(latest, ct);
                if (VersionDecision.IsNewVersion(document, previous, text, noise, known: known))
                    version = VersionDecision.Next(document, (latest?.Number ?? 0) + 1, previous ?? "", text, textSha, ocr);
            }
            var record = new CaptureRecord(document.Key, at, Outcome.Ok, capture.HttpStatus, url, capture.FinalUrl, detail,
                attempts, clock.ElapsedMilliseconds, snapshot, version, warc);
            try
            {
                return await _archive.Catalog.RecordAsync(record, ct);
            }
            catch (VersionConflictException) when (conflicts < 5)
            {
                // Another process recorded a version of this document meanwhile: compare again.
            }
        }
    }

    private async Task<CapturedSnapshot> StoreSnapshotAsync(PageCapture capture, CancellationToken ct)
    {
        var body = capture.Body!;
        var bodySha = await _archive.Blobs.PutAsync(body, ct);
        var domSha = capture.Dom is null ? null : await _archive.Blobs.PutAsync(Encoding.UTF8.GetBytes(capture.Dom), ct);
        var shotSha = capture.Screenshot is null ? null : await _archive.Blobs.PutAsync(capture.Screenshot, ct);
        var (contentType, charset) = BodyKind.Of(body, capture.ContentType);
        return new CapturedSnapshot(bodySha, body.LongLength, contentType, charset,
            capture.HttpStatus ?? 200, capture.FinalUrl ?? "", capture.Headers, domSha, shotSha);
    }

    /// <summary>
    /// An attempt that yields no snapshot. What the server did send (an error page, a challenge)
    /// still goes into the WARC files: it is the evidence of the outcome.
    /// </summary>
    private async Task<Observation> RecordFailureAsync(Document document, DateTimeOffset at, PageCapture capture, string? detail, int attempts, Stopwatch clock, CancellationToken ct)
    {
        var warc = await CaptureWarc.WriteAsync(_archive, capture, null, ct);
        return await _archive.Catalog.RecordAsync(new CaptureRecord(document.Key, at, capture.Outcome, capture.HttpStatus, document.Url.AbsoluteUri,
            capture.FinalUrl, detail, attempts, clock.ElapsedMilliseconds, null, null, warc), ct);
    }

    private static bool IsFile(PageCapture page)
    {
        var type = page.Headers.GetValueOrDefault("content-type");
        return PdfExtractor.IsPdf(page.Body!, type) || DocxExtractor.IsDocx(page.Body!, type);
    }
}
