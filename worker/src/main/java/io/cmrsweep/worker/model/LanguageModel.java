package io.cmrsweep.worker.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import io.cmrsweep.core.trial.ModelShape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A {@link LlamaBlock} with its parameters, on one device. Owns the NDManager that holds the parameters;
 * everything per step lives in a sub-manager the caller closes.
 */
public final class LanguageModel implements AutoCloseable {
  private static final float INIT_STD = 0.02f;
  private final ModelShape shape;
  private final NDManager manager;
  private final LlamaBlock block;
  private final ParameterStore store;

  private LanguageModel(ModelShape shape, NDManager manager, LlamaBlock block) {
    this.shape = shape;
    this.manager = manager;
    this.block = block;
    this.store = new ParameterStore(manager, false);
  }

  /** A freshly initialised model; the same seed gives the same weights. */
  public static LanguageModel create(ModelShape shape, int seed) {
    return create(shape, seed, Engine.getInstance().defaultDevice());
  }

  public static LanguageModel create(ModelShape shape, int seed, Device device) {
    Engine.getInstance().setRandomSeed(seed);
    NDManager manager = NDManager.newBaseManager(device);
    try {
      LlamaBlock block = new LlamaBlock(shape);
      block.setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, shape.context()));
      return new LanguageModel(shape, manager, block);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public ModelShape shape() {
    return shape;
  }

  public NDManager manager() {
    return manager;
  }

  public Device device() {
    return manager.getDevice();
  }

  /** Trainable parameters in a fixed order (the block's declaration order). */
  public List<Parameter> parameters() {
    List<Parameter> out = new ArrayList<>();
    block.getParameters().forEach(p -> out.add(p.getValue()));
    return out;
  }

  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters()) {
      n += p.getArray().size();
    }
    return n;
  }

  /** Logits [B, T, vocab] for int64 token ids [B, T]. */
  public NDArray logits(NDArray ids, boolean training) {
    return block.forward(store, new NDList(ids), training).singletonOrThrow();
  }

  /** Per-token negative log-likelihood [B, T] of {@code targets} under the logits for {@code ids}. */
  public NDArray tokenNll(NDArray ids, NDArray targets, boolean training) {
    NDArray logp = logits(ids, training).logSoftmax(-1);
    return logp.gather(targets.expandDims(-1), 2).squeeze(-1).neg();
  }

  /** Mean next-token loss of a batch given as row-major [rows, context] id arrays. */
  public NDArray meanLoss(NDManager step, long[] inputs, long[] targets, int rows, boolean training) {
    Shape s = new Shape(rows, inputs.length / rows);
    return tokenNll(step.create(inputs, s), step.create(targets, s), training).mean();
  }

  /** The Hugging Face Llama tensors of this model, name to shape, in the order a checkpoint writes them. */
  public Map<String, long[]> hfTensorShapes() {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (HfSlot slot : block.hfSlots()) {
      out.put(slot.name(), slot.shape());
    }
    return out;
  }

  /** Hands each Hugging Face tensor's current values (fp32, row-major) to {@code sink}, in checkpoint order. */
  public void forEachHfTensor(BiConsumer<String, float[]> sink) {
    Parameter cached = null;
    float[] values = null;
    for (HfSlot slot : block.hfSlots()) {
      if (slot.parameter() != cached) {
        cached = slot.parameter();
        values = cached.getArray().toFloatArray();
      }
      int from = slot.firstRow() * slot.columns();
      sink.accept(slot.name(), Arrays.copyOfRange(values, from, from + Math.toIntExact(slot.elements())));
    }
  }

  /**
   * Sets every parameter from Hugging Face tensors; {@code source} returns a tensor's fp32 values, row-major,
   * of the shape {@link #hfTensorShapes()} gives (the caller checks shapes and names). One parameter is
   * assembled at a time, so the Java heap holds at most one parameter's values beside the tensor being read.
   */
  public void loadHfTensors(Function<String, float[]> source) {
    Parameter current = null;
    float[] values = null;
    for (HfSlot slot : block.hfSlots()) {
      if (slot.parameter() != current) {
        set(current, values);
        current = slot.parameter();
        values = new float[Math.toIntExact(current.getArray().size())];
      }
      float[] tensor = source.apply(slot.name());
      if (tensor.length != slot.elements()) {
        throw new IllegalArgumentException("tensor " + slot.name() + " has " + tensor.length + " values, expected "
            + slot.elements());
      }
      System.arraycopy(tensor, 0, values, slot.firstRow() * slot.columns(), tensor.length);
    }
    set(current, values);
  }

  /** Copies {@code values} into the parameter's array in place, keeping it a trainable leaf. */
  private static void set(Parameter parameter, float[] values) {
    if (parameter == null) {
      return;
    }
    NDArray array = parameter.getArray();
    array.set(FloatBuffer.wrap(values));
    if (parameter.requiresGradient()) {
      array.setRequiresGradient(true);
    }
  }

  public void save(Path file) {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not save model parameters to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Loads parameters saved by {@link #save} from a model of the same shape. */
  public void load(Path file) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      block.loadParameters(manager, in);
      // Loaded arrays are fresh tensors: gradient tracking must be switched on again for training.
      for (Parameter p : parameters()) {
        if (p.requiresGradient()) {
          p.getArray().setRequiresGradient(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read model parameters from " + file + ": " + e.getMessage(), e);
    } catch (MalformedModelException e) {
      throw new IllegalStateException("model parameters in " + file + " do not fit shape " + shape + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
