using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Aulario.ZoomSandbox.Recordings;

/// <summary>
/// The bytes of a sandbox recording file: exactly <see cref="SandboxRecordingFile.Size"/> bytes, the same for the same file id
/// on every run (an ISO-BMFF "ftyp" box for MP4/M4A, then filler derived from the id), so downloads and ranges can be checked.
/// </summary>
public static class RecordingBytes
{
    public static byte[] Of(SandboxRecordingFile file)
    {
        var bytes = new byte[file.Size];
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(file.Id));
        for (var offset = 0; offset < bytes.Length; offset += seed.Length)
        {
            seed = SHA256.HashData(seed);
            seed.AsSpan(0, Math.Min(seed.Length, bytes.Length - offset)).CopyTo(bytes.AsSpan(offset));
        }
        var brand = file.Extension.ToUpperInvariant() switch { "MP4" => "isom", "M4A" => "M4A ", _ => null };
        if (brand is not null && bytes.Length >= 24)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, 24);
            Encoding.ASCII.GetBytes("ftyp" + brand).CopyTo(bytes, 4);
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), 0x200);
            Encoding.ASCII.GetBytes(brand + "mp41").CopyTo(bytes, 16);
        }
        return bytes;
    }
}
