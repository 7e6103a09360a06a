"""The scene shader: physically inspired, single pass, no post-processing.

Why not panda3d-simplepbr: it renders the scene into an offscreen buffer and tone-maps in a
second pass set up on the window and camera. In the station the display mode owns the eye
cameras and their buffers (OpenXR swapchains), so a scene that needs a pipeline on the camera
would reach into the display mode. This shader is set on the scene's own root, tone-maps
in the same pass and runs unchanged in a headset, a window or a headless buffer. Measured on
llvmpipe with the furnished kitchen (bench/scenes.py): see README, "Scenes".

Lighting, per pixel: a sky/ground hemisphere for the light bouncing around the room, up to
MAX_SHADER_LIGHTS point lights (ceiling fixtures) with Blinn-Phong highlights, a cheap
reflection of the room for metal (steel reads as steel), emission for screens and lamps,
ambient occlusion baked into the vertices, and ACES-style tone mapping. All scene-space.
"""

from __future__ import annotations

from collections.abc import Sequence

from panda3d.core import (
    NodePath,
    PTA_LVecBase4f,
    RenderState,
    Shader,
    ShaderAttrib,
    TransformState,
    TransparencyAttrib,
    Vec4,
)

from scenes.compose import MAX_SHADER_LIGHTS, ShaderLight
from scenes.materials import Rgb

_VERTEX = """#version 150
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat4 trans_model_to_scene;
in vec4 p3d_Vertex;
in vec3 p3d_Normal;
in vec4 p3d_Color;
in vec4 surface;
in vec2 p3d_MultiTexCoord0;
out vec3 v_position;
out vec3 v_normal;
out vec4 v_colour;
out vec4 v_surface;
out vec2 v_uv;
void main() {
    gl_Position = p3d_ModelViewProjectionMatrix * p3d_Vertex;
    v_position = (trans_model_to_scene * p3d_Vertex).xyz;
    v_normal = mat3(trans_model_to_scene) * p3d_Normal;
    v_colour = p3d_Color;
    v_surface = surface;
    v_uv = p3d_MultiTexCoord0;
}
"""

_FRAGMENT = """#version 150
#define MAX_LIGHTS %(max_lights)d
uniform sampler2D p3d_Texture0;
uniform vec4 p3d_ColorScale;
uniform mat4 trans_view_to_scene;
uniform int light_count;
uniform vec4 light_position[MAX_LIGHTS];
uniform vec4 light_colour[MAX_LIGHTS];
uniform vec4 sky_colour;
uniform vec4 ground_colour;
uniform vec4 wall_colour;
uniform vec4 output_settings;
in vec3 v_position;
in vec3 v_normal;
in vec4 v_colour;
in vec4 v_surface;
in vec2 v_uv;
out vec4 o_colour;

vec3 tone_map(vec3 x) {
    // Narkowicz's fit of the ACES filmic curve: keeps lamps and screens from clipping harshly.
    return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

void main() {
    vec4 texel = texture(p3d_Texture0, v_uv);
    vec3 base = v_colour.rgb * texel.rgb * p3d_ColorScale.rgb;
    float alpha = v_colour.a * texel.a * p3d_ColorScale.a;
    float roughness = clamp(v_surface.x, 0.05, 1.0);
    float metallic = v_surface.y;
    float emission = v_surface.z;
    float occlusion = v_surface.w;

    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) n = -n;
    vec3 eye = trans_view_to_scene[3].xyz;
    vec3 v = normalize(eye - v_position);
    float n_dot_v = max(dot(n, v), 0.001);

    vec3 diffuse = base * (1.0 - metallic);
    vec3 f0 = mix(vec3(0.04), base, metallic);
    float gloss = 1.0 - roughness;
    vec3 fresnel = f0 + (max(vec3(gloss), f0) - f0) * pow(1.0 - n_dot_v, 5.0);

    vec3 sky = sky_colour.rgb;
    vec3 ground = ground_colour.rgb;
    vec3 ambient = mix(ground, sky, n.z * 0.5 + 0.5);
    vec3 r = reflect(-v, n);
    // What a mirror would see: floor below, the lit walls around, ceiling and lights above.
    vec3 room = mix(ground, wall_colour.rgb, smoothstep(-0.45, -0.1, r.z));
    room = mix(room, sky * 1.25, smoothstep(0.45, 0.85, r.z));
    // Brushed and rough surfaces see a blurred room: fade the reflection towards the ambient.
    vec3 reflection = mix(room, ambient, roughness * roughness);
    vec3 colour = (diffuse * ambient * (1.0 - fresnel * 0.5) + reflection * fresnel) * occlusion;

    float shininess = clamp(2.0 / max(pow(roughness, 4.0), 0.0005) - 2.0, 1.0, 2048.0);
    float normalisation = (shininess + 8.0) / 25.13;
    for (int i = 0; i < MAX_LIGHTS; ++i) {
        if (i >= light_count) break;
        vec3 to_light = light_position[i].xyz - v_position;
        float distance = length(to_light);
        vec3 l = to_light / distance;
        float range = light_position[i].w;
        float window = clamp(1.0 - pow(distance / range, 4.0), 0.0, 1.0);
        float attenuation = window * window / (1.0 + 0.12 * distance * distance);
        // Ceiling fixtures throw their light downwards, not along the ceiling.
        attenuation *= 0.3 + 0.7 * clamp(-l.z * 1.4, 0.0, 1.0);
        float n_dot_l = dot(n, l);
        float lambert = max(n_dot_l * 0.85 + 0.15, 0.0) * step(-0.15, n_dot_l);
        vec3 h = normalize(l + v);
        float highlight = pow(max(dot(n, h), 0.0), shininess) * normalisation * max(n_dot_l, 0.0) * 0.3;
        // The fixture seen mirrored in counters, floors and steel: where the reflected view ray
        // meets the fixture's height, a soft patch as wide as a panel, blurred by roughness.
        float rise = light_position[i].z - v_position.z;
        if (r.z > 0.05 && rise > 0.05) {
            vec2 hit = v_position.xy + r.xy * (rise / r.z) - light_position[i].xy;
            float spread = 0.32 + roughness * roughness * rise * 2.5;
            highlight += exp(-dot(hit, hit) / (spread * spread)) * (0.1 / (spread * spread)) * gloss;
        }
        colour += light_colour[i].rgb * (diffuse * lambert * attenuation * mix(1.0, occlusion, 0.6)
                                         + fresnel * highlight * window);
    }
    colour += base * emission * output_settings.z;
    colour = tone_map(colour * output_settings.x);
    if (output_settings.y > 0.5) colour = pow(colour, vec3(1.0 / 2.2));
    o_colour = vec4(colour, alpha);
}
"""


def scene_shader() -> Shader:
    """The GLSL shader every static scene is drawn with."""
    return Shader.make(Shader.SL_GLSL, _VERTEX, _FRAGMENT % {"max_lights": MAX_SHADER_LIGHTS})


class SceneShading:
    """The shader and its inputs on one scene root (a workplace or the interview room)."""

    def __init__(
        self,
        root: NodePath,
        lights: Sequence[ShaderLight],
        sky: Rgb,
        ground: Rgb,
        walls: Rgb,
        exposure: float = 1.0,
        emission_strength: float = 2.2,
    ):
        self._root = root
        self._exposure = exposure
        self._emission = emission_strength
        self._encode_srgb = True
        root.setShader(scene_shader(), 10)
        # The root names itself as the shader's coordinate system: its state then holds the
        # root, a reference cycle that keeps the whole scene (and its GPU buffers) alive until
        # ``release()`` breaks it.
        root.setShaderInput("scene", root)
        positions = PTA_LVecBase4f()
        colours = PTA_LVecBase4f()
        for k in range(MAX_SHADER_LIGHTS):
            light = lights[k] if k < len(lights) else None
            positions.pushBack(Vec4(*light.position_m, light.range_m) if light else Vec4(0, 0, 0, 1))
            colours.pushBack(Vec4(*light.colour, 0) if light else Vec4(0))
        root.setShaderInput("light_position", positions)
        root.setShaderInput("light_colour", colours)
        root.setShaderInput("light_count", min(len(lights), MAX_SHADER_LIGHTS))
        root.setShaderInput("sky_colour", Vec4(*sky, 1))
        root.setShaderInput("ground_colour", Vec4(*ground, 1))
        root.setShaderInput("wall_colour", Vec4(*walls, 1))
        self._update_output()

    def set_framebuffer_srgb(self, hardware_encodes: bool) -> None:
        """Tell the shader whether the target encodes sRGB itself.

        OpenXR sRGB swapchains and ``framebuffer-srgb`` do; otherwise the shader does, so images never
        look washed out.
        """
        self._encode_srgb = not hardware_encodes
        self._update_output()

    def set_exposure(self, exposure: float) -> None:
        """Scale the scene's brightness before tone mapping (1 = as composed)."""
        self._exposure = exposure
        self._update_output()

    def release(self) -> None:
        """Drop the shader and its inputs from the root, so that removing the root frees the scene.

        Call it before ``removeNode()``: without it the ``scene`` input (the root itself) keeps
        the root, its geometry and textures alive for the life of the process (issue 18).
        """
        if not self._root.isEmpty():
            self._root.node().clearAttrib(ShaderAttrib)

    def _update_output(self) -> None:
        self._root.setShaderInput(
            "output_settings", Vec4(self._exposure, 1.0 if self._encode_srgb else 0.0, self._emission, 0.0)
        )


def flush_state_caches(max_passes: int = 8) -> None:
    """Free the render and transform states that only Panda3D's caches still hold.

    A removed scene's states (with its textures, and its shader inputs) stay in the cached
    compositions of states that live on (the parent's, the camera's) until a garbage collection
    of the state cache drops them; one pass frees a layer, so this repeats until a pass frees
    nothing. Nothing else collects them: the frame loop does not (bench/scene_memory.py
    measured 5 textures and ~4 MiB kept per build without this).
    """
    for _ in range(max_passes):
        if RenderState.garbageCollect() + TransformState.garbageCollect() == 0:
            return


def make_transparent(node: NodePath) -> None:
    """Blend see-through geometry after everything opaque, without hiding what is behind it."""
    node.setTransparency(TransparencyAttrib.M_alpha)
    node.setDepthWrite(False)
    node.setBin("transparent", 0)
