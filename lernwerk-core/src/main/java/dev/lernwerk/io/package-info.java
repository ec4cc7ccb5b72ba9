/**
 * Tensor files: {@link dev.lernwerk.io.SafeTensors} reads and writes the safetensors format
 * (PyTorch/Hugging Face compatible) atomically and with bounded, precise validation.
 */
package dev.lernwerk.io;
