/**
 * The IDX file format of MNIST and Fashion-MNIST: {@link dev.lernwerk.data.idx.IdxReader} (plain or
 * gzip, every IDX element type, sizes checked before allocating, errors with file and byte offset)
 * and {@link dev.lernwerk.data.idx.IdxWriter}.
 */
package dev.lernwerk.data.idx;
