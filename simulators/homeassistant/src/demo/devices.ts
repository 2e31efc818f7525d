import {
  binarySensor,
  climate,
  cover,
  light,
  lock,
  mediaPlayer,
  onOff,
  sensor,
  type Initial,
} from './entity-builders.js';

export interface DemoEntitySpec {
  entity_id: string;
  /** Registry `original_name`; with `has_entity_name` the friendly name is "<device> <original_name>". */
  original_name: string | null;
  initial: Initial;
  entity_category?: 'config' | 'diagnostic';
  translation_key?: string;
  labels?: string[];
}

export interface DemoDeviceSpec {
  key: string;
  name: string;
  platform: string;
  manufacturer: string;
  model: string;
  model_id: string | null;
  area_id: string | null;
  sw_version?: string;
  hw_version?: string;
  mac?: string;
  labels?: string[];
  entry_type?: 'service';
  /** Key of the hub this device talks through (`via_device_id`). */
  via?: string;
  configuration_url?: string;
  entities: DemoEntitySpec[];
}

const temp = (v: string): Initial => sensor('temperature', v);
const hum = (v: string): Initial => sensor('humidity', v);
const battery = (id: string, v: string): DemoEntitySpec => ({
  entity_id: id,
  original_name: 'Battery',
  initial: sensor('battery', v),
  entity_category: 'diagnostic',
});

const HUE = {
  platform: 'hue',
  manufacturer: 'Signify Netherlands B.V.',
  via: 'hue_bridge',
  sw_version: '1.116.3',
};
const ZHA = { platform: 'zha' };
const SHELLY_PLUG = {
  platform: 'shelly',
  manufacturer: 'Shelly',
  model: 'Shelly Plus Plug S',
  model_id: 'SNPL-00112EU',
  sw_version: '1.4.4',
};

/** The demo home: every device with its entities, in registry order. */
export const DEVICES: DemoDeviceSpec[] = [
  {
    key: 'hue_bridge',
    name: 'Hue Bridge',
    platform: 'hue',
    manufacturer: 'Signify Netherlands B.V.',
    model: 'Hue Bridge',
    model_id: 'BSB002',
    area_id: null,
    sw_version: '1.68.1968073010',
    mac: '00:17:88:6a:2b:11',
    configuration_url: 'https://192.168.1.20',
    entities: [],
  },
  {
    key: 'kitchen_ceiling',
    name: 'Kitchen Ceiling',
    ...HUE,
    model: 'Hue white ambiance GU10',
    model_id: 'LTG002',
    area_id: 'kitchen',
    entities: [
      {
        entity_id: 'light.kitchen_ceiling',
        original_name: null,
        initial: light({ on: true, modes: ['color_temp'], brightness: 204, kelvin: 3000 }),
      },
    ],
  },
  {
    key: 'kitchen_counter',
    name: 'Kitchen Counter',
    ...ZHA,
    manufacturer: 'IKEA of Sweden',
    model: 'TRADFRI bulb E27 WS opal 980lm',
    model_id: 'LED1545G12',
    area_id: 'kitchen',
    entities: [
      {
        entity_id: 'light.kitchen_counter',
        original_name: null,
        initial: light({ on: false, modes: ['color_temp'], minKelvin: 2202, maxKelvin: 4000 }),
      },
    ],
  },
  {
    key: 'coffee_maker',
    name: 'Coffee Maker',
    ...SHELLY_PLUG,
    area_id: 'kitchen',
    labels: ['energy'],
    entities: [
      {
        entity_id: 'switch.coffee_maker',
        original_name: null,
        initial: onOff(false, { device_class: 'outlet' }),
      },
      { entity_id: 'sensor.coffee_maker_power', original_name: 'Power', initial: sensor('power', '0.0') },
      {
        entity_id: 'sensor.coffee_maker_energy',
        original_name: 'Energy',
        initial: sensor('energy', '42.871'),
      },
    ],
  },
  {
    key: 'kitchen_sensor',
    name: 'Kitchen Sensor',
    ...ZHA,
    manufacturer: 'LUMI',
    model: 'Aqara temperature and humidity sensor',
    model_id: 'lumi.weather',
    area_id: 'kitchen',
    entities: [
      { entity_id: 'sensor.kitchen_sensor_temperature', original_name: 'Temperature', initial: temp('21.4') },
      { entity_id: 'sensor.kitchen_sensor_humidity', original_name: 'Humidity', initial: hum('48.2') },
      battery('sensor.kitchen_sensor_battery', '76'),
    ],
  },
  {
    key: 'kitchen_motion',
    name: 'Kitchen Motion',
    ...HUE,
    model: 'Hue motion sensor',
    model_id: 'SML001',
    area_id: 'kitchen',
    entities: [
      {
        entity_id: 'binary_sensor.kitchen_motion',
        original_name: null,
        initial: binarySensor('motion', false),
      },
    ],
  },
  {
    key: 'living_room_lamp',
    name: 'Living Room Lamp',
    ...HUE,
    model: 'Hue color lamp',
    model_id: 'LCA001',
    area_id: 'living_room',
    entities: [
      {
        entity_id: 'light.living_room_lamp',
        original_name: null,
        initial: light({
          on: true,
          modes: ['color_temp', 'xy'],
          brightness: 153,
          kelvin: 2700,
          minKelvin: 2000,
        }),
      },
    ],
  },
  {
    key: 'living_room_sensor',
    name: 'Living Room Sensor',
    ...ZHA,
    manufacturer: 'LUMI',
    model: 'Aqara temperature and humidity sensor',
    model_id: 'lumi.weather',
    area_id: 'living_room',
    entities: [
      {
        entity_id: 'sensor.living_room_sensor_temperature',
        original_name: 'Temperature',
        initial: temp('20.6'),
      },
      { entity_id: 'sensor.living_room_sensor_humidity', original_name: 'Humidity', initial: hum('45.9') },
    ],
  },
  {
    key: 'living_room_thermostat',
    name: 'Living Room Thermostat',
    platform: 'tado',
    manufacturer: 'tado°',
    model: 'Smart Thermostat',
    model_id: 'RU02',
    sw_version: '95.1',
    area_id: 'living_room',
    entities: [
      {
        entity_id: 'climate.living_room_thermostat',
        original_name: null,
        initial: climate({
          mode: 'heat',
          modes: ['off', 'heat', 'auto'],
          target: 21,
          current: 20.6,
          min: 5,
          max: 25,
        }),
      },
    ],
  },
  {
    key: 'living_room_blinds',
    name: 'Living Room Blinds',
    ...ZHA,
    manufacturer: 'IKEA of Sweden',
    model: 'FYRTUR block-out roller blind',
    model_id: 'E1757',
    area_id: 'living_room',
    entities: [{ entity_id: 'cover.living_room_blinds', original_name: null, initial: cover('shade', 100) }],
  },
  {
    key: 'living_room_speaker',
    name: 'Living Room Speaker',
    platform: 'sonos',
    manufacturer: 'Sonos',
    model: 'Arc',
    model_id: 'S19',
    sw_version: '16.3',
    area_id: 'living_room',
    mac: '48:a6:b8:e2:10:7c',
    entities: [
      { entity_id: 'media_player.living_room_speaker', original_name: null, initial: mediaPlayer() },
    ],
  },
  {
    key: 'front_door',
    name: 'Front Door',
    platform: 'nuki',
    manufacturer: 'Nuki Home Solutions GmbH',
    model: 'Nuki Smart Lock 4.0 Pro',
    model_id: 'smartlock',
    sw_version: '4.2.6',
    area_id: 'living_room',
    labels: ['security'],
    entities: [
      { entity_id: 'lock.front_door', original_name: null, initial: lock(true) },
      battery('sensor.front_door_battery', '87'),
    ],
  },
  {
    key: 'front_door_contact',
    name: 'Front Door Contact',
    ...ZHA,
    manufacturer: 'LUMI',
    model: 'Aqara door and window sensor',
    model_id: 'lumi.sensor_magnet.aq2',
    area_id: 'living_room',
    labels: ['security'],
    entities: [
      {
        entity_id: 'binary_sensor.front_door_contact',
        original_name: null,
        initial: binarySensor('door', false),
      },
    ],
  },
  {
    key: 'bedroom_ceiling',
    name: 'Bedroom Ceiling',
    ...HUE,
    model: 'Hue white ambiance E27',
    model_id: 'LTA001',
    area_id: 'bedroom',
    entities: [
      {
        entity_id: 'light.bedroom_ceiling',
        original_name: null,
        initial: light({ on: false, modes: ['color_temp'], kelvin: 2700 }),
      },
    ],
  },
  {
    key: 'bedside_lamp',
    name: 'Bedside Lamp',
    ...HUE,
    model: 'Hue Go',
    model_id: 'LLC020',
    area_id: 'bedroom',
    entities: [
      {
        entity_id: 'light.bedside_lamp',
        original_name: null,
        initial: light({
          on: false,
          modes: ['color_temp', 'xy'],
          brightness: 80,
          rgb: [255, 120, 40],
          minKelvin: 2000,
        }),
      },
    ],
  },
  {
    key: 'bedroom_sensor',
    name: 'Bedroom Sensor',
    ...ZHA,
    manufacturer: 'LUMI',
    model: 'Aqara temperature and humidity sensor',
    model_id: 'lumi.weather',
    area_id: 'bedroom',
    entities: [
      { entity_id: 'sensor.bedroom_sensor_temperature', original_name: 'Temperature', initial: temp('18.9') },
      { entity_id: 'sensor.bedroom_sensor_humidity', original_name: 'Humidity', initial: hum('52.3') },
    ],
  },
  {
    key: 'bedroom_radiator',
    name: 'Bedroom Radiator',
    platform: 'tado',
    manufacturer: 'tado°',
    model: 'Smart Radiator Thermostat',
    model_id: 'VA02',
    sw_version: '95.1',
    area_id: 'bedroom',
    entities: [
      {
        entity_id: 'climate.bedroom_radiator',
        original_name: null,
        initial: climate({
          mode: 'heat',
          modes: ['off', 'heat', 'auto'],
          target: 18,
          current: 18.9,
          min: 5,
          max: 25,
        }),
      },
    ],
  },
  {
    key: 'bedroom_blinds',
    name: 'Bedroom Blinds',
    ...ZHA,
    manufacturer: 'IKEA of Sweden',
    model: 'FYRTUR block-out roller blind',
    model_id: 'E1757',
    area_id: 'bedroom',
    entities: [{ entity_id: 'cover.bedroom_blinds', original_name: null, initial: cover('shade', 100) }],
  },
  {
    key: 'office_desk_lamp',
    name: 'Office Desk Lamp',
    ...HUE,
    model: 'Hue color lamp',
    model_id: 'LCA001',
    area_id: 'office',
    entities: [
      {
        entity_id: 'light.office_desk_lamp',
        original_name: null,
        initial: light({
          on: true,
          modes: ['color_temp', 'xy'],
          brightness: 255,
          kelvin: 4000,
          minKelvin: 2000,
        }),
      },
    ],
  },
  {
    key: 'office_monitor_plug',
    name: 'Office Monitor Plug',
    ...SHELLY_PLUG,
    area_id: 'office',
    labels: ['energy'],
    entities: [
      {
        entity_id: 'switch.office_monitor_plug',
        original_name: null,
        initial: onOff(true, { device_class: 'outlet' }),
      },
      {
        entity_id: 'sensor.office_monitor_plug_power',
        original_name: 'Power',
        initial: sensor('power', '38.4'),
      },
    ],
  },
  {
    key: 'office_sensor',
    name: 'Office Sensor',
    ...ZHA,
    manufacturer: 'LUMI',
    model: 'Aqara temperature and humidity sensor',
    model_id: 'lumi.weather',
    area_id: 'office',
    entities: [
      { entity_id: 'sensor.office_sensor_temperature', original_name: 'Temperature', initial: temp('22.1') },
      { entity_id: 'sensor.office_sensor_humidity', original_name: 'Humidity', initial: hum('41.7') },
    ],
  },
  {
    key: 'office_motion',
    name: 'Office Motion',
    ...HUE,
    model: 'Hue motion sensor',
    model_id: 'SML001',
    area_id: 'office',
    entities: [
      {
        entity_id: 'binary_sensor.office_motion',
        original_name: null,
        initial: binarySensor('motion', true),
      },
    ],
  },
  {
    key: 'garage_door',
    name: 'Garage Door',
    platform: 'ratgdo',
    manufacturer: 'Chamberlain',
    model: 'ratgdo32 disco',
    model_id: null,
    sw_version: '3.1.0',
    area_id: 'garage',
    labels: ['security'],
    entities: [
      { entity_id: 'cover.garage_door', original_name: null, initial: cover('garage', null) },
      {
        entity_id: 'light.garage_door_light',
        original_name: 'Light',
        initial: light({ on: false, modes: ['onoff'] }),
      },
    ],
  },
  {
    key: 'smart_meter',
    name: 'Smart Meter',
    platform: 'dsmr',
    manufacturer: 'Sagemcom',
    model: 'T211-D',
    model_id: 'ESMR 5.0',
    area_id: 'garage',
    labels: ['energy'],
    entities: [
      {
        entity_id: 'sensor.smart_meter_power',
        original_name: 'Power consumption',
        initial: sensor('power', '412'),
      },
      {
        entity_id: 'sensor.smart_meter_energy',
        original_name: 'Energy consumption',
        initial: sensor('energy', '15234.562'),
      },
    ],
  },
  {
    key: 'ev_charger',
    name: 'EV Charger',
    ...SHELLY_PLUG,
    model: 'Shelly Pro 1PM',
    model_id: 'SPSW-201PE16EU',
    area_id: 'garage',
    labels: ['energy'],
    entities: [
      { entity_id: 'switch.ev_charger', original_name: null, initial: onOff(false) },
      { entity_id: 'sensor.ev_charger_power', original_name: 'Power', initial: sensor('power', '0.0') },
    ],
  },
  {
    key: 'weather_station',
    name: 'Weather Station',
    platform: 'esphome',
    manufacturer: 'Espressif',
    model: 'esp32dev',
    model_id: null,
    sw_version: '2025.7.2 (ESPHome 2025.7.2)',
    area_id: 'garden',
    labels: ['outdoor'],
    entities: [
      {
        entity_id: 'sensor.weather_station_temperature',
        original_name: 'Temperature',
        initial: temp('16.8'),
      },
      { entity_id: 'sensor.weather_station_humidity', original_name: 'Humidity', initial: hum('71.5') },
    ],
  },
  {
    key: 'garden_sprinkler',
    name: 'Garden Sprinkler',
    platform: 'esphome',
    manufacturer: 'Espressif',
    model: 'esp32-c3-devkitm-1',
    model_id: null,
    sw_version: '2025.7.2 (ESPHome 2025.7.2)',
    area_id: 'garden',
    labels: ['outdoor'],
    entities: [{ entity_id: 'switch.garden_sprinkler', original_name: null, initial: onOff(false) }],
  },
  {
    key: 'garden_path_lights',
    name: 'Garden Path Lights',
    ...ZHA,
    manufacturer: 'innr',
    model: 'Outdoor smart spot',
    model_id: 'OSL 130 C',
    area_id: 'garden',
    labels: ['outdoor'],
    entities: [
      {
        entity_id: 'light.garden_path_lights',
        original_name: null,
        initial: light({ on: false, modes: ['brightness'], brightness: 180 }),
      },
    ],
  },
  {
    key: 'garden_motion',
    name: 'Garden Motion',
    ...HUE,
    model: 'Hue outdoor motion sensor',
    model_id: 'SML002',
    area_id: 'garden',
    labels: ['outdoor'],
    entities: [
      {
        entity_id: 'binary_sensor.garden_motion',
        original_name: null,
        initial: binarySensor('motion', false),
      },
    ],
  },
];
