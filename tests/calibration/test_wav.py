import struct
import wave

import numpy as np
import pytest

from calibration.wav import WavError, parse_wav, read_wav, write_wav


def riff(fmt_tag: int, channels: int, rate: int, bits: int, payload: bytes,
         extensible: bool = False) -> bytes:
    block = channels * bits // 8
    if extensible:
        fmt = struct.pack("<HHIIHHHHI", 0xFFFE, channels, rate, rate * block, block, bits, 22, bits, 0)
        fmt += struct.pack("<H", fmt_tag) + b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
    else:
        fmt = struct.pack("<HHIIHH", fmt_tag, channels, rate, rate * block, block, bits)
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt
    chunks += b"LIST" + struct.pack("<I", 5) + b"abcde\x00"  # an odd-sized chunk before the data
    chunks += b"data" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


def test_16_bit_round_trip(tmp_path):
    x = 0.5 * np.sin(np.arange(1000) / 10)
    write_wav(tmp_path / "a.wav", x, 16000)
    y, rate = read_wav(tmp_path / "a.wav")
    assert rate == 16000
    assert np.max(np.abs(x - y)) < 1 / 32768
    with wave.open(str(tmp_path / "a.wav")) as handle:  # a plain WAV other tools read
        assert (handle.getnchannels(), handle.getsampwidth()) == (1, 2)


@pytest.mark.parametrize("extensible", [False, True])
def test_float_stereo_is_mixed_to_mono(extensible):
    frames = np.array([[0.5, -0.5], [0.25, 0.75]], dtype="<f4")
    y, rate = parse_wav(riff(3, 2, 48000, 32, frames.tobytes(), extensible), "x.wav")
    assert rate == 48000
    assert list(y) == [0.0, 0.5]


def test_24_bit_pcm():
    values = [0, 1 << 22, -(1 << 23)]
    payload = b"".join(v.to_bytes(3, "little", signed=True) for v in values)
    y, _ = parse_wav(riff(1, 1, 16000, 24, payload), "x.wav")
    assert list(y) == [0.0, 0.5, -1.0]


def test_a_truncated_data_chunk_yields_what_is_there():
    data = riff(1, 1, 16000, 16, np.array([1000, -1000, 5], dtype="<i2").tobytes())
    y, _ = parse_wav(data[:-2], "x.wav")
    assert y.size == 2


@pytest.mark.parametrize(("content", "message"), [
    (b"not a wav at all", "not a WAV file"),
    (b"RIFF\x04\x00\x00\x00WAVE", "without a format chunk"),
])
def test_broken_files_get_a_message_naming_the_file(tmp_path, content, message):
    path = tmp_path / "broken.wav"
    path.write_bytes(content)
    with pytest.raises(WavError, match=message) as caught:
        read_wav(path)
    assert str(path) in str(caught.value)


def test_unsupported_encoding_says_what_to_do():
    with pytest.raises(WavError, match="save it as 16-bit PCM"):
        parse_wav(riff(6, 1, 8000, 8, b"\x00" * 10), "alaw.wav")  # A-law


def test_missing_file(tmp_path):
    with pytest.raises(WavError, match="file not found"):
        read_wav(tmp_path / "nope.wav")
