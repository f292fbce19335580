namespace Bayan.Mirror;

/// <summary>
/// On only in the host that writes the static mirror (the static-site command): public pages leave out what needs a
/// server to answer — the search box and the filter form, which become links — since a static host ignores queries.
/// A service rather than a setting, so no request and no configuration can switch the live site into it.
/// </summary>
public sealed class MirrorMode
{
    public bool IsOn { get; init; }
}
