namespace PolicyArchiver.Storage;

/// <summary>Another writer recorded the same version number of a document first.</summary>
internal sealed class VersionConflictException(string document, int number)
    : Exception($"{document}: version {number} was recorded concurrently by another writer")
{
}
