using Polly.CircuitBreaker;
using Polly.Timeout;
using PolicyArchiver.Capture;
using PolicyArchiver.Extraction;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Versioning;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// The pipeline: capture a document (politely, resiliently, all its pages), read its text, and
/// record the observation — with its snapshot and a new version when the text is one (see
/// <see cref="CaptureRecorder"/>). Every attempt, ok or not, is recorded as an observation, and
/// reported through <see cref="Events"/>. Its collaborators are composed by <see cref="ArchivistComposition"/>.
/// </summary>
internal sealed class Archivist
{
    private readonly Capturer _capturer;
    private readonly CaptureOptions _options;
    private readonly TimeProvider _time;
    private readonly Politeness _politeness;
    private readonly HostResilience _hosts;
    private readonly DocumentPages _pages;
    private readonly RenderSkip _renderSkip;
    private readonly CaptureReader _reader;
    private readonly NoiseStore _noise;
    private readonly CaptureRecorder _recorder;

    internal Archivist(Capturer capturer, CaptureOptions options, TimeProvider time, Politeness politeness, HostResilience hosts, DocumentPages pages,
        RenderSkip renderSkip, CaptureReader reader, NoiseStore noise, CaptureRecorder recorder, ArchivistEvents events)
    {
        (_capturer, _options, _time, _politeness, _hosts, _pages) = (capturer, options, time, politeness, hosts, pages);
        (_renderSkip, _reader, _noise, _recorder, Events) = (renderSkip, reader, noise, recorder, events);
    }

    public ArchivistEvents Events { get; }

    /// <summary>
    /// One round over the documents. Different hosts are captured in parallel, the documents of
    /// one host one after another. Every host has its turn open at once: <see cref="Politeness"/>
    /// bounds the captures in flight (<see cref="CaptureOptions.Concurrency"/>), and a host
    /// waiting out its pause between two documents does not hold a place another host could use.
    /// </summary>
    public async Task<IReadOnlyList<Observation>> CaptureRoundAsync(IReadOnlyList<Document> documents, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var results = new Observation[documents.Count];
        var byHost = documents.Select((d, i) => (Document: d, Index: i)).GroupBy(x => x.Document.Url.Host).ToList();
        await Parallel.ForEachAsync(byHost, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, byHost.Count), CancellationToken = ct },
            async (host, token) =>
            {
                foreach (var (document, index) in host)
                    results[index] = await CaptureAsync(document, token);
            });
        Events.OnRoundFinished(results, _time.GetElapsedTime(started));
        return results;
    }

    public async Task<Observation> CaptureAsync(Document document, CancellationToken ct)
    {
        var at = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        Events.OnCaptureStarted(document, at);
        var attempts = 0;
        PageCapture capture;
        IReadOnlyList<PageCapture> parts = [];
        await using (await _politeness.EnterAsync(document.Url.Host, ct))
        {
            try
            {
                var unchanged = _options.AlwaysRender ? null : await _renderSkip.ForAsync(document, ct);
                capture = await _hosts.For(document.Url.Host).ExecuteAsync(async token =>
                {
                    attempts++;
                    return await _capturer.CaptureAsync(document, token, unchanged);
                }, ct);
                (capture, parts) = await _pages.CaptureRestAsync(document, capture, ct);
            }
            catch (BrokenCircuitException)
            {
                var last = _hosts.LastFailure(document.Url.Host);
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
        var observation = await RecordAsync(new CaptureAttempt(document, at, started, capture, parts, attempts), ct);
        Events.OnObservationRecorded(document, observation);
        return observation;
    }

    private async Task<Observation> RecordAsync(CaptureAttempt attempt, CancellationToken ct)
    {
        var (document, capture) = (attempt.Document, attempt.Capture);
        if (capture.Outcome != Outcome.Ok || capture.Body is null)
            return await _recorder.RecordFailureAsync(attempt, capture.Outcome, capture.Detail, ct);

        // A page's text would take ten times the body in memory: the served bytes go to the WARC file,
        // whole. A PDF or Word file is read however large (up to the body cap): a scanned policy of
        // tens of megabytes is still the policy, and losing its text would lose the document.
        if (attempt.Parts.Prepend(capture).FirstOrDefault(p => p.Body!.LongLength > _options.MaxExtractBytes && !IsFile(p)) is { } huge)
            return await _recorder.RecordFailureAsync(attempt, Outcome.Blocked,
                Join(capture.Detail, $"unreadable document: the body of {ByteSize.Of(huge.Body!.LongLength)} is above the {ByteSize.Of(_options.MaxExtractBytes)} extraction limit; kept as served in the WARC file, not extracted"),
                ct);

        ExtractedText read;
        BlockVerdict verdict;
        try
        {
            (read, verdict) = await _reader.ReadAsync(document, capture, attempt.Parts, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A body we cannot read (a corrupt PDF, say) is what the site served: record it as such.
            return await _recorder.RecordFailureAsync(attempt, Outcome.Blocked, $"unreadable document: {e.Message}", ct);
        }
        if (verdict.Blocked)
            return await _recorder.RecordFailureAsync(attempt, Outcome.Blocked, verdict.Detail, ct);

        var (text, ocr) = read;
        var noise = await _noise.LoadAsync(document.Key, ct);
        // A navigation the page tried after it was served is part of what this capture saw.
        var detail = Join(capture.Detail, verdict.Detail);
        // A single page can be fetched again to confirm a change; a document of several pages is taken as captured.
        if (document.Combine.Count == 0 && _options.ConfirmDelay is not null && await _recorder.ChangedAsync(document, text, noise, ct))
        {
            // What differs between two fetches moments apart is volatile by definition: the version
            // is decided on what both agree on, and both observations are kept.
            var confirmation = await ConfirmAsync(document, ct);
            var second = confirmation is { Capture: { Outcome: Outcome.Ok, Body: not null } c } ? await CaptureReader.TextOfAsync(document, c, ct) : null;
            if (second is null)
            {
                var why = confirmation is null ? "was not attempted (host failing)"
                    : $"gave {confirmation.Capture.Outcome.ToWire()}{(confirmation.Capture.Detail is { } d ? $" ({d})" : "")}";
                detail = Join(detail, $"change not confirmed: the second fetch {why}; recorded as captured");
            }
            else
            {
                var known = noise.Clone();
                await _noise.LearnAsync(document, noise, 0, text, attempt.At, ct, save: false);
                noise.Learn(CanonicalText.Of(text), CanonicalText.Of(second.Value.Text.Text), confirmation!.At, confirmed: true);
                var apart = (confirmation.At - attempt.At).TotalSeconds;
                detail = Join(await _recorder.ChangedAsync(document, text, noise, ct, known)
                    ? $"change confirmed by a second fetch {apart:0} s later"
                    : $"no change: what differed from the current version also differed between two fetches {apart:0} s apart (volatile)",
                    detail);
                var first = await _recorder.RecordOkAsync(attempt, text, ocr, noise, detail, ct, known);
                var again = await _recorder.RecordOkAsync(new CaptureAttempt(document, confirmation.At, confirmation.Started, confirmation.Capture, [], 1),
                    second.Value.Text.Text, second.Value.Text.OcrDerived, noise,
                    Join($"second fetch confirming the capture of {CatalogTime.Write(attempt.At)}", second.Value.Verdict.Detail), ct);
                (noise.LastTextSha, noise.LastObservationId) = (Hashing.Sha256Hex(second.Value.Text.Text), again.Id);
                await _noise.SaveAsync(document.Key, noise, ct);
                return first;
            }
        }
        var observation = await _recorder.RecordOkAsync(attempt, text, ocr, noise, detail, ct);
        await _noise.LearnAsync(document, noise, observation.Id, text, attempt.At, ct);
        return observation;
    }

    /// <summary>A second fetch of the page, moments after the first: when it was made (as an instant and a timestamp) and what it gave.</summary>
    private sealed record Confirmation(DateTimeOffset At, long Started, PageCapture Capture);

    /// <summary>Fetches the page again after <see cref="CaptureOptions.ConfirmDelay"/>, politely, rendered in full; null when its host is failing.</summary>
    private async Task<Confirmation?> ConfirmAsync(Document document, CancellationToken ct)
    {
        await Task.Delay(_options.ConfirmDelay!.Value, _time, ct);
        await using (await _politeness.EnterAsync(document.Url.Host, ct))
        {
            var (at, started) = (_time.GetUtcNow(), _time.GetTimestamp());
            try
            {
                var capture = await _hosts.For(document.Url.Host).ExecuteAsync(token => new ValueTask<PageCapture>(_capturer.CaptureAsync(document, token)), ct);
                return new Confirmation(at, started, capture);
            }
            catch (Exception e) when (e is BrokenCircuitException or TimeoutRejectedException)
            {
                return null;
            }
        }
    }

    private static string? Join(string? first, string? then) => first is null ? then : then is null ? first : $"{first}; {then}";

    private static bool IsFile(PageCapture page)
    {
        var type = page.Headers.GetValueOrDefault("content-type");
        return PdfExtractor.IsPdf(page.Body!, type) || DocxExtractor.IsDocx(page.Body!, type);
    }
}
