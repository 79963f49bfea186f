;; Tetrahedral 3D-LUT apply for interleaved 8-bit RGB/RGBA, WebAssembly SIMD.
;; Source of libs/color/src/lut/lut-apply-wasm.bytes.ts (regenerate with
;; `node libs/color/wasm/build-lut-wasm.mjs`, which needs wabt's wat2wasm:
;; `apt-get install wabt`). Both kernels compute what lut-apply.ts's tetra8
;; computes, to float rounding (a spec checks ≤ 1 code and ≥ 99.9 % identical).
;;
;;   tetra8u  LUTs on the default domain [0, 1]³ (every LUT the engine bakes):
;;            exact integer cells and weights, 4 pixels per SIMD step, no
;;            branches. The fast path.
;;   tetra8   any domain: per-code tables of cell offset and fraction, one
;;            pixel per step, the six tetrahedra chosen by branches.
;;
;; Memory layout (bytes), written by lut-apply-wasm.ts:
;;   0     offR[256]  i32  grid offset (bytes) of each 8-bit red code's cell (tetra8)
;;   1024  offG[256]  i32
;;   2048  offB[256]  i32
;;   3072  fracR[256] f32  fraction inside the cell
;;   4096  fracG[256] f32
;;   5120  fracB[256] f32
;;   $tmp  8 KiB scratch of tetra8u
;;   $lut  size³ nodes × f32x4 (r, g, b, 0), clamped; pre-scaled to 0..255 for
;;         tetra8, left on 0..1 for tetra8u (its weights are on 0..255)
;;   $src / $dst pixel chunks
(module
  (memory (export "memory") 1)
  (func (export "tetra8")
    (param $src i32) (param $dst i32) (param $n i32) (param $ch i32)
    (param $lut i32) (param $sG i32) (param $sB i32)
    (local $end i32) (local $r i32) (local $g i32) (local $b i32)
    (local $fr f32) (local $fg f32) (local $fb f32)
    (local $o i32) (local $o1 i32) (local $o2 i32) (local $o3 i32) (local $s111 i32)
    (local $w0 f32) (local $w1 f32) (local $w2 f32) (local $w3 f32)
    (local $acc v128)
    (local.set $s111 (i32.add (i32.add (i32.const 16) (local.get $sG)) (local.get $sB)))
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $n) (local.get $ch))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $r (i32.shl (i32.load8_u (local.get $src)) (i32.const 2)))
        (local.set $g (i32.shl (i32.load8_u offset=1 (local.get $src)) (i32.const 2)))
        (local.set $b (i32.shl (i32.load8_u offset=2 (local.get $src)) (i32.const 2)))
        (local.set $fr (f32.load offset=3072 (local.get $r)))
        (local.set $fg (f32.load offset=4096 (local.get $g)))
        (local.set $fb (f32.load offset=5120 (local.get $b)))
        (local.set $o
          (i32.add (local.get $lut)
            (i32.add (i32.load (local.get $r))
              (i32.add (i32.load offset=1024 (local.get $g)) (i32.load offset=2048 (local.get $b))))))
        ;; The six tetrahedra, chosen exactly as lut-apply.ts's tetra8 does.
        (if (f32.gt (local.get $fr) (local.get $fg))
          (then
            (if (f32.gt (local.get $fg) (local.get $fb))
              (then ;; r > g > b: c000 c100 c110 c111
                (local.set $o1 (i32.add (local.get $o) (i32.const 16)))
                (local.set $o2 (i32.add (local.get $o1) (local.get $sG)))
                (local.set $w0 (f32.sub (f32.const 1) (local.get $fr)))
                (local.set $w1 (f32.sub (local.get $fr) (local.get $fg)))
                (local.set $w2 (f32.sub (local.get $fg) (local.get $fb)))
                (local.set $w3 (local.get $fb)))
              (else
                (if (f32.gt (local.get $fr) (local.get $fb))
                  (then ;; r > b >= g: c000 c100 c101 c111
                    (local.set $o1 (i32.add (local.get $o) (i32.const 16)))
                    (local.set $o2 (i32.add (local.get $o1) (local.get $sB)))
                    (local.set $w0 (f32.sub (f32.const 1) (local.get $fr)))
                    (local.set $w1 (f32.sub (local.get $fr) (local.get $fb)))
                    (local.set $w2 (f32.sub (local.get $fb) (local.get $fg)))
                    (local.set $w3 (local.get $fg)))
                  (else ;; b >= r > g: c000 c001 c101 c111
                    (local.set $o1 (i32.add (local.get $o) (local.get $sB)))
                    (local.set $o2 (i32.add (local.get $o1) (i32.const 16)))
                    (local.set $w0 (f32.sub (f32.const 1) (local.get $fb)))
                    (local.set $w1 (f32.sub (local.get $fb) (local.get $fr)))
                    (local.set $w2 (f32.sub (local.get $fr) (local.get $fg)))
                    (local.set $w3 (local.get $fg)))))))
          (else
            (if (f32.gt (local.get $fb) (local.get $fg))
              (then ;; b > g >= r: c000 c001 c011 c111
                (local.set $o1 (i32.add (local.get $o) (local.get $sB)))
                (local.set $o2 (i32.add (local.get $o1) (local.get $sG)))
                (local.set $w0 (f32.sub (f32.const 1) (local.get $fb)))
                (local.set $w1 (f32.sub (local.get $fb) (local.get $fg)))
                (local.set $w2 (f32.sub (local.get $fg) (local.get $fr)))
                (local.set $w3 (local.get $fr)))
              (else
                (if (f32.gt (local.get $fb) (local.get $fr))
                  (then ;; g >= b > r: c000 c010 c011 c111
                    (local.set $o1 (i32.add (local.get $o) (local.get $sG)))
                    (local.set $o2 (i32.add (local.get $o1) (local.get $sB)))
                    (local.set $w0 (f32.sub (f32.const 1) (local.get $fg)))
                    (local.set $w1 (f32.sub (local.get $fg) (local.get $fb)))
                    (local.set $w2 (f32.sub (local.get $fb) (local.get $fr)))
                    (local.set $w3 (local.get $fr)))
                  (else ;; g >= r >= b: c000 c010 c110 c111
                    (local.set $o1 (i32.add (local.get $o) (local.get $sG)))
                    (local.set $o2 (i32.add (local.get $o1) (i32.const 16)))
                    (local.set $w0 (f32.sub (f32.const 1) (local.get $fg)))
                    (local.set $w1 (f32.sub (local.get $fg) (local.get $fr)))
                    (local.set $w2 (f32.sub (local.get $fr) (local.get $fb)))
                    (local.set $w3 (local.get $fb))))))))
        (local.set $o3 (i32.add (local.get $o) (local.get $s111)))
        ;; acc = Σ wᵢ·cᵢ + 1.5·2²³: adding the magic constant rounds each lane to the
        ;; nearest integer in the low mantissa bits (values lie in [0, 255]), so
        ;; byte 0 of each lane IS the rounded 8-bit result — one shuffle instead
        ;; of convert + two narrows. (Ties round to even where the TS kernel
        ;; rounds half up: outputs may differ by 1 on exact .5 values.)
        (local.set $acc
          (f32x4.add
            (f32x4.add
              (f32x4.add
                (f32x4.mul (v128.load (local.get $o)) (f32x4.splat (local.get $w0)))
                (f32x4.mul (v128.load (local.get $o1)) (f32x4.splat (local.get $w1))))
              (f32x4.add
                (f32x4.mul (v128.load (local.get $o2)) (f32x4.splat (local.get $w2)))
                (f32x4.mul (v128.load (local.get $o3)) (f32x4.splat (local.get $w3)))))
            (v128.const f32x4 12582912 12582912 12582912 12582912)))
        (local.set $acc (i8x16.shuffle 0 4 8 12 0 0 0 0 0 0 0 0 0 0 0 0 (local.get $acc) (local.get $acc)))
        ;; One 4-byte store: lane 3 is the alpha for RGBA; for RGB it lands on the
        ;; next pixel's red, which the next iteration overwrites (the caller
        ;; leaves 16 bytes of slack after the output chunk).
        (v128.store32_lane 0 (local.get $dst)
          (i8x16.replace_lane 3 (local.get $acc) (i32.load8_u offset=3 (local.get $src))))
        (local.set $src (i32.add (local.get $src) (local.get $ch)))
        (local.set $dst (i32.add (local.get $dst) (local.get $ch)))
        (br $next))))

  ;; ---------------------------------------------------------------------------
  ;; tetra8u: tetrahedral interpolation for a LUT on the default domain [0, 1]³.
  ;;
  ;; For 8-bit input on a uniform grid the cell and the fraction are exact
  ;; integers: x = v·n1, i = min(⌊x / 255⌋, n1 − 1), f = x − 255·i ∈ 0..255
  ;; (⌊x/255⌋ = (x·0x8081) >> 23, exact for x < 2¹⁶; here x ≤ 255·128). With
  ;; f_max ≥ f_mid ≥ f_min the tetrahedron is c000 → c(max axis) →
  ;; c(max + mid axes) → c111 and the weights are the integers 255 − f_max,
  ;; f_max − f_mid, f_mid − f_min, f_min (sum 255); the nodes hold the LUT's
  ;; values on 0..1, so Σ wᵢ·cᵢ is the result on the 0..255 scale. Where
  ;; fractions tie, the corner that distinguishes the tied tetrahedra gets a
  ;; weight of exactly 0, so the tie rule cannot change the result.
  ;;
  ;; Phase 1 computes, for a batch of up to 256 pixels, four node addresses and
  ;; four weights per pixel, 4 pixels per step (lanes = pixels), into $tmp as
  ;; eight 1 KiB arrays: o0 o1 o2 o3 (i32 byte addresses), w0 w1 w2 w3 (f32).
  ;; Phase 2 walks the pixels: 4 node loads, 4 splat weight loads, 4 mul-adds,
  ;; + 1.5·2²³ (which rounds each lane to an integer in its low mantissa bits,
  ;; as in tetra8, half to even; the caller biases the nodes by 2⁻¹⁵/255 so
  ;; that exact halves round up as in TypeScript), one byte shuffle and one
  ;; 4-byte store.
  ;; Reads up to 16 bytes past the last input pixel and writes up to 3 pixels
  ;; (+ 1 byte) past the last output pixel: the caller leaves that slack.
  ;; ---------------------------------------------------------------------------
  (func (export "tetra8u")
    (param $src i32) (param $dst i32) (param $n i32) (param $ch i32)
    (param $lut i32) (param $n1 i32) (param $sG i32) (param $sB i32) (param $tmp i32)
    (local $mr v128) (local $mg v128) (local $mb v128) (local $pack v128) (local $magic v128)
    (local $vn1 v128) (local $vlim v128) (local $vsG v128) (local $vsB v128) (local $vlut v128) (local $v111 v128)
    (local $v v128) (local $xr v128) (local $xg v128) (local $xb v128)
    (local $ir v128) (local $ig v128) (local $ib v128)
    (local $fr v128) (local $fg v128) (local $fb v128)
    (local $hi v128) (local $lo v128) (local $mid v128) (local $o v128) (local $o3 v128)
    (local $blocks i32) (local $nb i32) (local $q i32) (local $qend i32) (local $s i32) (local $d i32) (local $s2 i32)
    (local $step i32)
    (if (i32.eq (local.get $ch) (i32.const 4))
      (then
        (local.set $mr (v128.const i8x16 0 255 255 255 4 255 255 255 8 255 255 255 12 255 255 255))
        (local.set $mg (v128.const i8x16 1 255 255 255 5 255 255 255 9 255 255 255 13 255 255 255))
        (local.set $mb (v128.const i8x16 2 255 255 255 6 255 255 255 10 255 255 255 14 255 255 255)))
      (else
        (local.set $mr (v128.const i8x16 0 255 255 255 3 255 255 255 6 255 255 255 9 255 255 255))
        (local.set $mg (v128.const i8x16 1 255 255 255 4 255 255 255 7 255 255 255 10 255 255 255))
        (local.set $mb (v128.const i8x16 2 255 255 255 5 255 255 255 8 255 255 255 11 255 255 255))))
    (local.set $pack (v128.const i8x16 0 4 8 12 255 255 255 255 255 255 255 255 255 255 255 255))
    (local.set $magic (v128.const f32x4 12582912 12582912 12582912 12582912))
    (local.set $vn1 (i32x4.splat (local.get $n1)))
    (local.set $vlim (i32x4.splat (i32.sub (local.get $n1) (i32.const 1))))
    (local.set $vsG (i32x4.splat (local.get $sG)))
    (local.set $vsB (i32x4.splat (local.get $sB)))
    (local.set $vlut (i32x4.splat (local.get $lut)))
    (local.set $v111 (i32x4.splat (i32.add (i32.add (i32.const 16) (local.get $sG)) (local.get $sB))))
    (local.set $step (i32.shl (local.get $ch) (i32.const 2)))
    (local.set $blocks (i32.shr_u (i32.add (local.get $n) (i32.const 3)) (i32.const 2)))
    (local.set $s (local.get $src))
    (local.set $s2 (local.get $src))
    (local.set $d (local.get $dst))
    (block $done
      (loop $batch
        (br_if $done (i32.eqz (local.get $blocks)))
        (local.set $nb (select (i32.const 64) (local.get $blocks) (i32.gt_u (local.get $blocks) (i32.const 64))))
        (local.set $blocks (i32.sub (local.get $blocks) (local.get $nb)))
        (local.set $q (local.get $tmp))
        (local.set $qend (i32.add (local.get $tmp) (i32.shl (local.get $nb) (i32.const 4))))
        ;; ---- phase 1: addresses and weights, 4 pixels per step ----
        (loop $p1
          (local.set $v (v128.load (local.get $s)))
          (local.set $xr (i32x4.mul (i8x16.swizzle (local.get $v) (local.get $mr)) (local.get $vn1)))
          (local.set $ir (i32x4.min_u (i32x4.shr_u (i32x4.mul (local.get $xr) (v128.const i32x4 0x8081 0x8081 0x8081 0x8081)) (i32.const 23)) (local.get $vlim)))
          (local.set $fr (i32x4.add (i32x4.sub (local.get $xr) (i32x4.shl (local.get $ir) (i32.const 8))) (local.get $ir)))
          (local.set $xg (i32x4.mul (i8x16.swizzle (local.get $v) (local.get $mg)) (local.get $vn1)))
          (local.set $ig (i32x4.min_u (i32x4.shr_u (i32x4.mul (local.get $xg) (v128.const i32x4 0x8081 0x8081 0x8081 0x8081)) (i32.const 23)) (local.get $vlim)))
          (local.set $fg (i32x4.add (i32x4.sub (local.get $xg) (i32x4.shl (local.get $ig) (i32.const 8))) (local.get $ig)))
          (local.set $xb (i32x4.mul (i8x16.swizzle (local.get $v) (local.get $mb)) (local.get $vn1)))
          (local.set $ib (i32x4.min_u (i32x4.shr_u (i32x4.mul (local.get $xb) (v128.const i32x4 0x8081 0x8081 0x8081 0x8081)) (i32.const 23)) (local.get $vlim)))
          (local.set $fb (i32x4.add (i32x4.sub (local.get $xb) (i32x4.shl (local.get $ib) (i32.const 8))) (local.get $ib)))
          ;; byte address of the cell's c000 node; c111 is s111 further
          (local.set $o (i32x4.add (i32x4.add (i32x4.shl (local.get $ir) (i32.const 4)) (i32x4.mul (local.get $ig) (local.get $vsG))) (i32x4.add (i32x4.mul (local.get $ib) (local.get $vsB)) (local.get $vlut))))
          (local.set $o3 (i32x4.add (local.get $o) (local.get $v111)))
          ;; sorted fractions: hi ≥ mid ≥ lo
          (local.set $hi (i32x4.max_s (local.get $fr) (i32x4.max_s (local.get $fg) (local.get $fb))))
          (local.set $lo (i32x4.min_s (local.get $fr) (i32x4.min_s (local.get $fg) (local.get $fb))))
          (local.set $mid (i32x4.sub (i32x4.sub (i32x4.add (local.get $fr) (i32x4.add (local.get $fg) (local.get $fb))) (local.get $hi)) (local.get $lo)))
          (v128.store (local.get $q) (local.get $o))
          ;; c(max axis) = c000 + stride of the largest fraction's axis (ties: r, then g);
          ;; c(max + mid) = c111 − stride of the smallest's (ties: b, then g)
          (v128.store offset=1024 (local.get $q) (i32x4.add (local.get $o) (v128.bitselect (v128.bitselect (local.get $vsB) (local.get $vsG) (i32x4.gt_s (local.get $fb) (local.get $fg))) (v128.const i32x4 16 16 16 16) (v128.or (i32x4.gt_s (local.get $fg) (local.get $fr)) (i32x4.gt_s (local.get $fb) (local.get $fr))))))
          (v128.store offset=2048 (local.get $q) (i32x4.sub (local.get $o3) (v128.bitselect (v128.bitselect (v128.const i32x4 16 16 16 16) (local.get $vsG) (i32x4.gt_s (local.get $fg) (local.get $fr))) (local.get $vsB) (v128.or (i32x4.gt_s (local.get $fb) (local.get $fr)) (i32x4.gt_s (local.get $fb) (local.get $fg))))))
          (v128.store offset=3072 (local.get $q) (local.get $o3))
          (v128.store offset=4096 (local.get $q) (f32x4.convert_i32x4_s (i32x4.sub (v128.const i32x4 255 255 255 255) (local.get $hi))))
          (v128.store offset=5120 (local.get $q) (f32x4.convert_i32x4_s (i32x4.sub (local.get $hi) (local.get $mid))))
          (v128.store offset=6144 (local.get $q) (f32x4.convert_i32x4_s (i32x4.sub (local.get $mid) (local.get $lo))))
          (v128.store offset=7168 (local.get $q) (f32x4.convert_i32x4_s (local.get $lo)))
          (local.set $s (i32.add (local.get $s) (local.get $step)))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br_if $p1 (i32.lt_u (local.get $q) (local.get $qend))))
        ;; ---- phase 2: Σ wₖ·cₖ per pixel; RGBA takes its alpha byte from the source ----
        (local.set $q (local.get $tmp))
        (local.set $qend (i32.add (local.get $tmp) (i32.shl (local.get $nb) (i32.const 4))))
        (if (i32.eq (local.get $ch) (i32.const 4))
          (then
          (loop $p2a
            (v128.store32_lane 0 (local.get $d) (i8x16.replace_lane 3 (i8x16.swizzle (f32x4.add (f32x4.add (f32x4.add (f32x4.mul (v128.load (i32.load offset=0 (local.get $q))) (v128.load32_splat offset=4096 (local.get $q))) (f32x4.mul (v128.load (i32.load offset=1024 (local.get $q))) (v128.load32_splat offset=5120 (local.get $q)))) (f32x4.add (f32x4.mul (v128.load (i32.load offset=2048 (local.get $q))) (v128.load32_splat offset=6144 (local.get $q))) (f32x4.mul (v128.load (i32.load offset=3072 (local.get $q))) (v128.load32_splat offset=7168 (local.get $q))))) (local.get $magic)) (local.get $pack)) (i32.load8_u offset=3 (local.get $s2))))
            (local.set $d (i32.add (local.get $d) (i32.const 4)))
            (local.set $s2 (i32.add (local.get $s2) (i32.const 4)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br_if $p2a (i32.lt_u (local.get $q) (local.get $qend)))))
          (else
          (loop $p2
            (v128.store32_lane 0 (local.get $d) (i8x16.swizzle (f32x4.add (f32x4.add (f32x4.add (f32x4.mul (v128.load (i32.load offset=0 (local.get $q))) (v128.load32_splat offset=4096 (local.get $q))) (f32x4.mul (v128.load (i32.load offset=1024 (local.get $q))) (v128.load32_splat offset=5120 (local.get $q)))) (f32x4.add (f32x4.mul (v128.load (i32.load offset=2048 (local.get $q))) (v128.load32_splat offset=6144 (local.get $q))) (f32x4.mul (v128.load (i32.load offset=3072 (local.get $q))) (v128.load32_splat offset=7168 (local.get $q))))) (local.get $magic)) (local.get $pack)))
            (local.set $d (i32.add (local.get $d) (i32.const 3)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br_if $p2 (i32.lt_u (local.get $q) (local.get $qend))))))
        (br $batch)))
  )
)
