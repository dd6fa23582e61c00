using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Archiving;

/// <summary>
/// Copies an archive to other backends (embedded to distributed, or back) with everything as it
/// was: blobs under the same digests, WARC files byte for byte at the same offsets, every catalog
/// row, ledger entry and checkpoint signature, and the signing key — so the copy verifies exactly
/// as the original did. The source is only read.
/// </summary>
internal sealed class ArchiveMigrator(Archive source, Archive target)
{
    /// <summary>WARC files are copied in pieces of this size, so memory stays bounded.</summary>
    private const int Chunk = 4 << 20;

    public sealed record Result(long Blobs, long BlobsAlreadyThere, long WarcFiles, long WarcBytes, IReadOnlyDictionary<string, long> Rows);

    public async Task<Result> CopyAsync(IProgress<string>? progress, CancellationToken ct)
    {
        CopyKey();
        // Evidence first, catalog last: the copy's catalog never refers to evidence it does not hold yet.
        long blobs = 0, present = 0;
        await foreach (var name in source.Blobs.ListAsync(ct: ct))
        {
            if (name.Length != 64) continue; // leftovers of interrupted writes are not evidence
            if (await target.Blobs.ExistsAsync(name, ct))
            {
                present++;
                continue;
            }
            var bytes = await source.Blobs.GetAsync(name, ct); // checks the digest on the way
            await target.Blobs.PutAsync(bytes, ct);
            if (++blobs % 500 == 0) progress?.Report($"{blobs} blobs copied");
        }
        // Deltas after the whole blobs they are made against, copied as they are: the copy keeps their size.
        await foreach (var name in source.Blobs.ListAsync(BlobDelta.Space, ct))
        {
            if (name.Length != 64) continue;
            if (await target.Blobs.ExistsAsync(name, ct))
            {
                present++;
                continue;
            }
            await source.Blobs.GetAsync(name, ct); // checks that it rebuilds the body of its digest
            await target.Blobs.PutDeltaAsync(name, (await source.Blobs.GetDeltaAsync(name, ct))!, ct);
            if (++blobs % 500 == 0) progress?.Report($"{blobs} blobs copied");
        }
        progress?.Report($"{blobs} blobs copied, {present} already there");

        long files = 0, warcBytes = 0;
        await foreach (var file in source.WarcStore.ListAsync(ct))
        {
            var length = await source.WarcStore.LengthAsync(file, ct) ?? 0;
            if (await target.WarcStore.LengthAsync(file, ct) is { } existing)
            {
                // A copy interrupted earlier: a file that is already whole is kept, anything else is not ours to touch.
                if (existing == length) continue;
                throw new IOException($"{target.WarcStore.Locate(file)} exists with {existing} bytes, the source has {length}: not overwriting evidence");
            }
            await using (var writer = await target.WarcStore.CreateAsync(file, ct))
                for (long offset = 0; offset < length; offset += Chunk)
                    await writer.AppendAsync(await source.WarcStore.ReadAsync(file, offset, Math.Min(Chunk, length - offset), ct), ct);
            files++;
            warcBytes += length;
        }
        progress?.Report($"{files} WARC files copied ({warcBytes} bytes)");

        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await target.Catalog.ImportAsync(Counted(source.Catalog.ExportAsync(ct), rows, progress), ct);
        return new Result(blobs, present, files, warcBytes, rows);
    }

    private static async IAsyncEnumerable<CatalogRow> Counted(IAsyncEnumerable<CatalogRow> rows, Dictionary<string, long> counts, IProgress<string>? progress)
    {
        await foreach (var row in rows)
        {
            counts[row.Table] = counts.GetValueOrDefault(row.Table) + 1;
            yield return row;
        }
        progress?.Report($"catalog: {string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"))}");
    }

    /// <summary>The checkpoints are signed with the source's key: the copy carries the same key, or verification would fail.</summary>
    private void CopyKey()
    {
        var from = Path.Combine(source.KeysDirectory, ArchiveKey.PrivateKeyFile);
        if (!File.Exists(from)) return;
        var to = Path.Combine(target.KeysDirectory, ArchiveKey.PrivateKeyFile);
        if (Path.GetFullPath(from) == Path.GetFullPath(to)) return;
        if (File.Exists(to))
        {
            if (File.ReadAllText(to) != File.ReadAllText(from))
                throw new IOException($"{to} holds a different signing key: the copied checkpoints would not verify against it");
            return;
        }
        Directory.CreateDirectory(target.KeysDirectory);
        using (File.Create(to))
        {
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(to, File.ReadAllText(from));
        File.Copy(Path.Combine(source.KeysDirectory, ArchiveKey.PublicKeyFile), Path.Combine(target.KeysDirectory, ArchiveKey.PublicKeyFile), overwrite: true);
    }
}
