package dev.asiarch.gpu.data;

/** Training and validation bytes, disjoint by document. */
public record TextSplit(byte[] train, byte[] validation) {
}
