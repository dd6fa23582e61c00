using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PolicyArchiver.Evidence.Warc;

/// <summary>
/// Appends records to per-day WARC files, <c>warc/YYYY/MM/DD/&lt;name&gt;.warc.gz</c>, each record
/// its own gzip member so any record can be read from its offset. A writer never appends to a file
/// it did not create: after a restart or a failed write it starts a new file (with its own
/// warcinfo record), so a tail cut short by a crash is never built upon. Each process (each node)
/// writes its own files, so writers never share one.
/// </summary>
internal sealed class WarcWriter(IWarcStore store, TimeProvider time) : IDisposable
{
    public const string Software = "PolicyArchiver";

    /// <summary>A file is closed at this size and the writer goes on in a new one (and at midnight UTC).</summary>
    public const long MaxFileBytes = 1L << 30;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IWarcFileWriter? _file;
    private string? _relativePath;
    private DateOnly _day;

    /// <summary>
    /// Writes the records, in order, to the current file and flushes them to disk before returning
    /// their locations. The first record of a new file is its warcinfo record, returned first.
    /// </summary>
    public async Task<IReadOnlyList<WarcRecordLocation>> WriteAsync(IReadOnlyList<(WarcRecord Record, string Role)> records, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var locations = new List<WarcRecordLocation>();
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            using var batch = new MemoryStream();
            if (_file is null || today != _day || _file.Length >= MaxFileBytes) locations.Add(await OpenAsync(today, batch, ct));
            var start = _file!.Length;
            foreach (var (record, role) in records) locations.Add(Add(record, role, batch, start));
            try
            {
                // One append per capture: in a blob store it is a single block, all or nothing.
                await _file.AppendAsync(batch.GetBuffer().AsMemory(0, (int)batch.Length), ct);
            }
            catch
            {
                // What reached the file may be partial: leave it as it is and continue in a new file.
                await CloseAsync();
                throw;
            }
            return locations;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Records written for a capture that the catalog then did not record (the database failed,
    /// the command was stopped) stay as evidence that no observation refers to. The writer goes
    /// on in a new file, so that they stay at the tail of theirs: the one place where verify
    /// accepts such records, as a capture interrupted before it was recorded.
    /// </summary>
    public async Task AbandonAsync(IReadOnlyList<WarcRecordLocation> written)
    {
        if (written.Count == 0) return;
        await _gate.WaitAsync();
        try
        {
            if (_relativePath == written[^1].File) await CloseAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<WarcRecordLocation> OpenAsync(DateOnly day, MemoryStream batch, CancellationToken ct)
    {
        await CloseAsync();
        var folder = $"warc/{day.Year.ToString("D4", CultureInfo.InvariantCulture)}/{day.Month.ToString("D2", CultureInfo.InvariantCulture)}/{day.Day.ToString("D2", CultureInfo.InvariantCulture)}";
        var name = $"policyarchiver-{time.GetUtcNow().UtcDateTime:yyyyMMddHHmmssfff}-{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.warc.gz";
        _relativePath = $"{folder}/{name}";
        _file = await store.CreateAsync(_relativePath, ct);
        _day = day;
        return Add(WarcInfo(name), "warcinfo", batch, _file.Length);
    }

    private WarcRecord WarcInfo(string fileName)
    {
        var fields = $"software: {Software}/{typeof(WarcWriter).Assembly.GetName().Version}\r\nformat: WARC File Format 1.1\r\n" +
                     "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n" +
                     "description: Captures of companies' public policy documents (terms, privacy policies, user agreements)\r\n";
        var block = Encoding.UTF8.GetBytes(fields);
        return new WarcRecord { Block = block }
            .Add("WARC-Type", "warcinfo")
            .Add("WARC-Date", WarcRecord.Date(time.GetUtcNow()))
            .Add("WARC-Record-ID", WarcRecord.NewRecordId())
            .Add("WARC-Filename", fileName)
            .Add("Content-Type", "application/warc-fields")
            .Add("WARC-Block-Digest", WarcDigest.Of(block));
    }

    /// <summary>Adds the record's gzip member to the batch; its offset is where the batch will land plus its place in it.</summary>
    private WarcRecordLocation Add(WarcRecord record, string role, MemoryStream batch, long start)
    {
        var offset = start + batch.Length;
        Gzip(record, IsPicture(record, role) ? CompressionLevel.NoCompression : CompressionLevel.Optimal, batch);
        return new WarcRecordLocation(record.RecordId, record.Type, role, record["WARC-Target-URI"] ?? "",
            WarcRecord.ParseDate(record["WARC-Date"]!), _relativePath!, offset, batch.Length - (offset - start),
            record["WARC-Block-Digest"]!, record["WARC-Payload-Digest"]);
    }

    /// <summary>
    /// A PNG or JPEG screenshot is compressed already: deflating it again costs seconds of CPU on a
    /// tall page and saves nothing, so it is stored (still a valid gzip member). A PDF one is deflated:
    /// Chromium compresses its page streams and fonts but not its object tables, and gzip takes a
    /// further 9 % off it (the 48 KB print of a 120 KB policy) for little CPU at that size.
    /// </summary>
    private static bool IsPicture(WarcRecord record, string role) =>
        role == "screenshot" && record["Content-Type"] is "image/png" or "image/jpeg";

    /// <summary>
    /// One gzip member, compressed straight into the batch (the record is not serialised first, so a
    /// huge page is not held once more).
    /// </summary>
    private static void Gzip(WarcRecord record, CompressionLevel level, MemoryStream batch)
    {
        using var gzip = new GZipStream(batch, level, leaveOpen: true);
        record.WriteTo(gzip);
    }

    private async Task CloseAsync()
    {
        if (_file is not null) await _file.DisposeAsync();
        _file = null;
    }

    public void Dispose()
    {
        CloseAsync().GetAwaiter().GetResult();
        _gate.Dispose();
    }
}
