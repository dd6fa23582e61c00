namespace PolicyArchiver.Exporting.Wacz;

/// <summary>A file of the package as <c>datapackage.json</c> lists it: name, path, <c>sha256:</c> hash and size.</summary>
internal sealed record WaczResource(string Name, string Path, string Hash, long Bytes);
