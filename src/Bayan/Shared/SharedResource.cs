namespace Bayan.Shared;

/// <summary>Anchor type for the interface texts in SharedResource.resx (English) and its fa and ar translations.</summary>
public sealed class SharedResource;
