package io.twinbridge.gateway.codec;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over one byte array that never trusts a length prefix beyond the bytes actually left.
 *
 * <p>Avro's own {@code BinaryDecoder} allocates a string, bytes or collection of the declared length before reading
 * it, so a single poison record declaring a 2 GiB string makes the JVM allocate (or fail with
 * {@link OutOfMemoryError}). Here every string, bytes and block length is checked against the remaining input first,
 * and a collection block may not announce more items than there are bytes left. Collections of zero-byte items
 * (arrays of {@code null}) are therefore rejected; no TwinBridge schema has one.
 */
final class BoundedBinaryDecoder extends Decoder {
    private final byte[] buf;
    private final int limit;
    private int pos;

    BoundedBinaryDecoder(byte[] buf, int offset) {
        this.buf = buf;
        this.pos = offset;
        this.limit = buf.length;
    }

    int remaining() {
        return limit - pos;
    }

    @Override
    public void readNull() {
        // null occupies no bytes
    }

    @Override
    public boolean readBoolean() throws IOException {
        int b = readByte();
        if (b > 1) {
            throw new AvroRuntimeException("invalid boolean byte " + b);
        }
        return b == 1;
    }

    @Override
    public int readInt() throws IOException {
        long n = readLong();
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new AvroRuntimeException("int out of range: " + n);
        }
        return (int) n;
    }

    @Override
    public long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new AvroRuntimeException("varint longer than 10 bytes");
    }

    @Override
    public float readFloat() throws IOException {
        require(4);
        int bits = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16
                | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    @Override
    public double readDouble() throws IOException {
        require(8);
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = bits << 8 | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = readLength();
        byte[] bytes = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return new Utf8(bytes);
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public void skipString() throws IOException {
        int length = readLength(); // not "pos += readLength()": that would add to pos as it was before the varint
        pos += length;
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = readLength();
        ByteBuffer out = ByteBuffer.wrap(Arrays.copyOfRange(buf, pos, pos + length));
        pos += length;
        return out;
    }

    @Override
    public void skipBytes() throws IOException {
        int length = readLength(); // not "pos += readLength()": that would add to pos as it was before the varint
        pos += length;
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        require(length);
        System.arraycopy(buf, pos, bytes, start, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        require(length);
        pos += length;
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return readBlockCount();
    }

    @Override
    public long arrayNext() throws IOException {
        return readBlockCount();
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks();
    }

    @Override
    public long readMapStart() throws IOException {
        return readBlockCount();
    }

    @Override
    public long mapNext() throws IOException {
        return readBlockCount();
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks();
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    private long readBlockCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            readLong(); // byte size of the block, only useful for skipping
            count = -count;
        }
        if (count < 0 || count > remaining()) {
            throw new EOFException("block of " + count + " items but only " + remaining() + " bytes left");
        }
        return count;
    }

    private long skipBlocks() throws IOException {
        long count = readLong();
        while (count < 0) {
            long size = readLong();
            if (size < 0 || size > remaining()) {
                throw new EOFException("block of " + size + " bytes but only " + remaining() + " left");
            }
            pos += (int) size;
            count = readLong();
        }
        if (count > remaining()) {
            throw new EOFException("block of " + count + " items but only " + remaining() + " bytes left");
        }
        return count;
    }

    private int readLength() throws IOException {
        long length = readLong();
        if (length < 0 || length > remaining()) {
            throw new EOFException("length " + length + " but only " + remaining() + " bytes left");
        }
        return (int) length;
    }

    private int readByte() throws IOException {
        require(1);
        return buf[pos++] & 0xff;
    }

    private void require(int n) throws IOException {
        if (n < 0 || n > remaining()) {
            throw new EOFException("need " + n + " bytes, " + remaining() + " left");
        }
    }
}
